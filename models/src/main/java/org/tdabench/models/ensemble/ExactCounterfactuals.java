package org.tdabench.models.ensemble;

import org.tdabench.models.config.SamplerConfig;

/**
 * The exact leave-one-out counterfactuals of an encoded ensemble: for every target (a noise and a
 * condition) and every training sample i, the sample of the ensemble without the members that saw
 * i ({@link EnsembleCodes#withoutWeights}), from the same noise, and its Euclidean distance to the
 * full ensemble's sample (the data scale, raw sampler output). All N codes of a target run in
 * large passes of {@link EnsembleSampler}: each member once per denoiser call over every
 * counterfactual that keeps it (about N/2 of them), the first call shared by all.
 */
public final class ExactCounterfactuals {
  private ExactCounterfactuals() {}

  /** Progress: {@code done} of {@code total} counterfactual samples finished. */
  @FunctionalInterface
  public interface Progress {
    void update(long done, long total);
  }

  /**
   * @param samples the full ensemble's samples (uniform weights), [count][d] flat
   * @param distances [t][i] = ||x_t without i - x_t||
   */
  public record Result(float[] samples, double[][] distances) {}

  /**
   * Computes every target's N counterfactuals in chunks of at most {@code maxRows} samples.
   *
   * @param eps unit-normal initial noise of the {@code count} targets
   * @param y their conditions (null if unconditional)
   */
  public static Result compute(MemberDenoisers members, SamplerConfig cfg, EnsembleCodes codes, float[] eps,
      float[] y, int count, int maxRows, Progress progress) {
    int d = members.imageSize();
    int n = codes.samples();
    EnsembleSampler sampler = new EnsembleSampler(members, cfg);
    int[] self = new int[count];
    double[][] uniform = new double[count][];
    for (int t = 0; t < count; t++) {
      self[t] = t;
      uniform[t] = codes.uniformWeights();
    }
    float[] full = sampler.sample(eps, y, self, uniform);
    double[][] dist = new double[count][n];
    long total = (long) count * n;
    long done = 0;
    int chunk = Math.max(1, maxRows);
    for (long start = 0; start < total; start += chunk) {
      int rows = (int) Math.min(chunk, total - start);
      int[] group = new int[rows];
      double[][] w = new double[rows][];
      for (int r = 0; r < rows; r++) {
        long idx = start + r;
        group[r] = (int) (idx / n);
        w[r] = codes.withoutWeights((int) (idx % n));
      }
      float[] x = sampler.sample(eps, y, group, w);
      for (int r = 0; r < rows; r++) {
        long idx = start + r;
        int t = (int) (idx / n);
        double s = 0;
        for (int p = 0; p < d; p++) {
          double diff = x[r * d + p] - full[t * d + p];
          s += diff * diff;
        }
        dist[t][(int) (idx % n)] = Math.sqrt(s);
      }
      done += rows;
      if (progress != null) {
        progress.update(done, total);
      }
    }
    return new Result(full, dist);
  }
}
