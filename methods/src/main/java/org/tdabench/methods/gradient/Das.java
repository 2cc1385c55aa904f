package org.tdabench.methods.gradient;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.ImageSet;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.OutputFunction;
import org.tdabench.models.ProbeSet;

/**
 * DAS, the diffusion attribution score (Lin et al., ICLR 2025; Jinxu-Lin/DAS): the linearised
 * leave-one-out change of the model's output on the target,
 * score_i = (phi_t^T (Phi^T Phi + lambda I)^-1 phi_i r_i / (1 - h_i))^2,
 * with features from the gradient of a scalar compression of the network output, each probe's
 * gradient unit-normalised before averaging, r_i the training residual and h_i the leverage
 * phi_i^T (Phi^T Phi + lambda I)^-1 phi_i. The released code is inconsistent between versions
 * (Lin et al. 2024, DAS); this is the formula, with every choice recorded in the metadata.
 */
public final class Das extends KernelAttribution {
  @Override
  public String name() {
    return "das";
  }

  @Override
  public String description() {
    return "DAS: linearised leave-one-out output change with residual and leverage (squared)";
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  protected MethodOptions.Schema extend(MethodOptions.Schema s) {
    return s.add("residual_probes", 1000, "sigmas (one noise each) of each training image's residual "
        + "(DAS: all 1,000 timesteps)");
  }

  @Override
  protected OutputFunction output(MethodOptions o) {
    return OutputFunction.MEAN_OUTPUT;
  }

  @Override
  protected boolean normalizePerProbe() {
    return true;
  }

  @Override
  protected boolean needsLeverage() {
    return true;
  }

  @Override
  protected int defaultSigmas() {
    return 10;
  }

  @Override
  protected int defaultDim() {
    return 4096;
  }

  /**
   * r_i = sqrt(mean_k l(z_i; sigma_k, eps_k)): the RMS residual of the raw output F, since the EDM
   * loss is exactly mean (F - F_target)^2 (lambda(sigma) c_out(sigma)^2 = 1), in the space of the
   * features' F.
   */
  @Override
  protected double[] prepare(AttributionTask task, ModelWeights weights) {
    int k = task.options().getPositiveInt("residual_probes");
    String grid = task.options().getString("sigma_grid");
    int d = task.spec().imageSize();
    int cd = task.spec().condDim();
    ProbeSet probes = ProbeSet.of(SigmaGrid.of(grid, k, task.spec()), d, task.seeds().child("residual"));
    ImageSet train = task.train();
    int n = train.size();
    double[] r = new double[n];
    int chunk = 256;
    try (DitEdmModel m = task.openModel(weights)) {
      // Graph rows (images x probes) no more than there are, so a handful of images is not padded.
      m.withEvalBatch((int) Math.max(1, Math.min(m.evalBatch(), (long) Math.min(n, chunk) * k)));
      for (int s = 0; s < n; s += chunk) {
        int c = Math.min(chunk, n - s);
        float[] x = new float[c * d];
        float[] y = cd > 0 ? new float[c * cd] : null;
        train.images(s, c, x);
        if (cd > 0) {
          train.conds(s, c, y);
        }
        float[] l = m.probeLosses(x, y, c, probes);
        for (int i = 0; i < c; i++) {
          double sum = 0;
          for (int j = 0; j < k; j++) {
            sum += l[i * k + j];
          }
          r[s + i] = Math.sqrt(sum / k);
        }
      }
    }
    return r;
  }

  @Override
  protected float[] transform(KernelScores.Solution s, double[] residual, int targets, int train) {
    float[] out = new float[targets * train];
    double[] omh = s.oneMinusLeverage();
    for (int t = 0; t < targets; t++) {
      for (int i = 0; i < train; i++) {
        double v = s.scores()[t * train + i] * residual[i] / omh[i];
        out[t * train + i] = (float) (v * v);
      }
    }
    return out;
  }

  @Override
  protected Map<String, Object> porting(MethodOptions o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("output", "mean over pixels of F, the raw DiT output (DAS HEAD compresses eps_theta by its mean)");
    m.put("per_probe_normalisation", "each (sample, sigma) gradient over the whole subset divided by its L2 norm "
        + "+ 1e-8 before averaging and projecting (DAS HEAD)");
    m.put("timesteps", SigmaGrid.describe(o.getString("sigma_grid")));
    m.put("residual", "r_i = sqrt(mean over residual_probes sigmas of the EDM loss) = the RMS residual of F "
        + "(the EDM loss is mean (F - F_target)^2); DAS HEAD takes sqrt eps-MSE per timestep, normalised across "
        + "timesteps, averaged; an earlier version sqrt-MSE averaged over models");
    m.put("leverage", "h_i = phi_i^T (Phi^T Phi + lambda I)^-1 phi_i; 1 - h_i computed as lambda [(G + lambda I)^-1]_ii "
        + "in the dual form; no mean-abs rescaling of the inverse");
    m.put("score", "(S_ti r_i / (1 - h_i))^2, squared as the paper's output-distribution change (sign discarded)");
    m.put("noise", "one noise image per sigma shared by all samples (ours: DAS, like D-TRAK, draws per batch); "
        + "residual noises from seeds 'residual'");
    return m;
  }
}
