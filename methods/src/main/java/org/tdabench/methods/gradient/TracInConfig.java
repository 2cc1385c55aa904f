package org.tdabench.methods.gradient;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tdabench.methods.api.MethodOptions;

/**
 * Options of Diffusion-TracIn and ReTrac (Xie et al., TMLR 2024; txie1/diffusion-ReTrac:
 * diffusion_tracin.py, main.py). Defaults are the reference's unless marked "ours".
 *
 * @param targetSigmas noise levels of a target's gradient (reference: 100 timesteps
 *     linspace(1, 999, 100))
 * @param targetNoises noises averaged per target sigma (reference 16)
 * @param sigmaGrid {@link SigmaGrid} kind of the target sigmas (uniform: D-TRAK's uniform timesteps
 *     across the whole schedule; ReTrac's own grid is "retrac". Chosen on the tune family of the
 *     small preset, where it beat "training" and "retrac", docs/fidelity.md)
 * @param params {@link ParamSelection} (reference: every parameter)
 * @param projectionDim 0: exact dot products of full gradients (reference); k: Gaussian
 *     projection of every gradient as it streams (ours, for models whose 2 T x p target vectors do
 *     not fit in memory, such as the paper presets' DiT-B with hundreds of targets)
 * @param projectionSeed seed of that projection
 * @param batch rows per backward pass (speed only)
 * @param memoryMib memory for the exact target vectors (2 T x p floats), or when projecting for one
 *     target's two full-space sums, the projected targets (2 T x k) and the projector's chunk of
 *     rows; a budget too small for either is a one-line error
 * @param topk list length of the top-k repetition diagnostic (ours: 10)
 */
public record TracInConfig(int targetSigmas, int targetNoises, String sigmaGrid, String params, int projectionDim,
    long projectionSeed, int batch, int memoryMib, int topk) {

  public static MethodOptions.Schema schema() {
    return new MethodOptions.Schema()
        .add("target_sigmas", 100, "noise levels of a target's gradient (reference: 100 timesteps)")
        .add("target_noises", 16, "noises averaged per target sigma (reference 16)")
        .add("sigma_grid", "uniform", "uniform: D-TRAK's uniform timesteps of the DDPM linear schedule as sigmas; "
            + "retrac: ReTrac's linspace(1, 999, K) of its cosine schedule; training: training log-normal quantiles; karras")
        .add("params", "all", "parameters differentiated: all, mlp (the MUCS subset) or name substrings")
        .add("projection_dim", 0, "0: exact full-gradient dot products (reference); k: every gradient Gaussian-projected as it streams")
        .add("projection_seed", 42, "seed of the projection when projection_dim > 0")
        .add("batch", 8, "rows per backward pass (speed only)")
        .add("memory_mib", 2048, "memory for the exact target vectors (2 T x p floats), or the projection's sums and chunk")
        .add("topk", 10, "k of the top-k repetition across targets recorded for tracin and retrac (ours)");
  }

  public static TracInConfig from(MethodOptions o) {
    int k = o.getInt("projection_dim");
    if (k < 0) {
      throw o.bad("projection_dim", "an integer >= 0");
    }
    String grid;
    try {
      grid = SigmaGrid.kind(o.getString("sigma_grid"));
    } catch (org.tdabench.core.UserError e) {
      throw o.bad("sigma_grid", String.join(", ", SigmaGrid.KINDS));
    }
    return new TracInConfig(o.getPositiveInt("target_sigmas"), o.getPositiveInt("target_noises"), grid, o.getString("params"), k, o.getLong("projection_seed"), o.getPositiveInt("batch"),
        o.getPositiveInt("memory_mib"), o.getPositiveInt("topk"));
  }

  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("target_sigmas", targetSigmas);
    m.put("target_noises", targetNoises);
    m.put("sigma_grid", sigmaGrid);
    m.put("params", params);
    m.put("projection_dim", projectionDim);
    m.put("projection_seed", projectionSeed);
    m.put("batch", batch);
    m.put("memory_mib", memoryMib);
    m.put("topk", topk);
    return m;
  }
}
