package org.tdabench.methods.gradient;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.tdabench.methods.api.MethodOptions;

/**
 * Options shared by the kernel methods (TRAK, D-TRAK, DAS). Defaults are D-TRAK's
 * (sail-sg/D-TRAK: grad_unconditional.py, methods/04_if) unless marked "ours"; DAS changes k.
 *
 * @param sigmas K, noise levels averaged into each feature (D-TRAK README 10; the paper also
 *     reports 100)
 * @param sigmaGrid {@link SigmaGrid} kind (uniform: D-TRAK's and DAS's timesteps as sigmas; chosen
 *     over "training" on the tune family of the small preset, docs/fidelity.md)
 * @param projectionDim k of the Gaussian projection (D-TRAK 32,768; DAS 4,096)
 * @param projectionSeed seed of the projection (D-TRAK and DAS: 42)
 * @param params {@link ParamSelection} (D-TRAK: every parameter)
 * @param lambdaGrid {@link LambdaGrid} mode (ours: relative)
 * @param lambda default ridge coefficient (ours: 1, i.e. the mean eigenvalue of Phi^T Phi)
 * @param models 0: the attributed model; M >= 1: mean over M models trained on alpha = 0.5
 *     subsets (D-TRAK's ensembles use M = 1, 2, 4, 8)
 * @param batch samples per backward pass (speed only)
 * @param memoryMib budget of the chunked projection in MiB (speed only)
 * @param projector "chunked" (default) or "in-graph" (regenerates P per batch; speed only)
 * @param solve "auto" (dual when N < k), "dual" or "primal" (same scores; speed only)
 */
public record KernelConfig(int sigmas, String sigmaGrid, int projectionDim, long projectionSeed, String params,
    String lambdaGrid, double lambda, int models, int batch, int memoryMib, String projector, String solve) {

  /** The shared options with the given defaults of K and k. */
  public static MethodOptions.Schema schema(int defaultSigmas, int defaultDim) {
    return new MethodOptions.Schema()
        .add("sigmas", defaultSigmas, "K noise levels averaged into each feature (D-TRAK: 10 or 100)")
        .add("sigma_grid", "uniform", "uniform: D-TRAK's uniform timesteps of the DDPM linear schedule as sigmas "
            + "(0.01..61 at K=10; reference); training: quantiles of the training log-normal; retrac; karras")
        .add("projection_dim", defaultDim, "k of the Gaussian projection, N(0,1) entries, no 1/sqrt(k)")
        .add("projection_seed", 42, "seed of the projection matrix (D-TRAK: 42)")
        .add("params", "all", "parameters differentiated: all, mlp (the MUCS subset) or name substrings")
        .add("lambda_grid", "relative", "ridge grid {1,2,5}x10^-2..10^6 times trace(Phi^T Phi)/k (relative, "
            + "ours) or as is (absolute, D-TRAK)")
        .add("lambda", 1.0, "ridge coefficient of the default candidate (ours)")
        .add("models", 0, "0: the attributed model; M: mean over M models trained on alpha=0.5 subsets")
        .add("batch", 8, "samples per backward pass (speed only)")
        .add("memory_mib", 2048, "memory of the chunked projection: gradient rows plus cached blocks of P")
        .add("projector", "chunked", "chunked (P generated once per chunk of rows) or in-graph (per batch)")
        .add("solve", "auto", "auto (dual N x N when N < k), dual or primal");
  }

  public static KernelConfig from(MethodOptions o) {
    int models = o.getInt("models");
    if (models < 0) {
      throw o.bad("models", "an integer >= 0");
    }
    String projector = o.getString("projector").trim().toLowerCase(Locale.ROOT);
    if (!projector.equals("chunked") && !projector.equals("in-graph")) {
      throw o.bad("projector", "chunked or in-graph");
    }
    String solve = o.getString("solve").trim().toLowerCase(Locale.ROOT);
    if (!solve.equals("auto") && !solve.equals("dual") && !solve.equals("primal")) {
      throw o.bad("solve", "auto, dual or primal");
    }
    double lambda = o.getDouble("lambda");
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      throw o.bad("lambda", "a finite number > 0");
    }
    String grid;
    try {
      grid = SigmaGrid.kind(o.getString("sigma_grid"));
    } catch (org.tdabench.core.UserError e) {
      throw o.bad("sigma_grid", String.join(", ", SigmaGrid.KINDS));
    }
    return new KernelConfig(o.getPositiveInt("sigmas"), grid, o.getPositiveInt("projection_dim"),
        o.getLong("projection_seed"), o.getString("params"), o.getString("lambda_grid"), lambda, models,
        o.getPositiveInt("batch"), o.getPositiveInt("memory_mib"), projector, solve);
  }

  public KernelScores.Form form() {
    return KernelScores.Form.valueOf(solve.toUpperCase(Locale.ROOT));
  }

  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sigmas", sigmas);
    m.put("sigma_grid", sigmaGrid);
    m.put("projection_dim", projectionDim);
    m.put("projection_seed", projectionSeed);
    m.put("params", params);
    m.put("lambda_grid", lambdaGrid);
    m.put("lambda", lambda);
    m.put("models", models);
    m.put("batch", batch);
    m.put("memory_mib", memoryMib);
    m.put("projector", projector);
    m.put("solve", solve);
    return m;
  }
}
