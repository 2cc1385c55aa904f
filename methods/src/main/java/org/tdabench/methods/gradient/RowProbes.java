package org.tdabench.methods.gradient;

import org.tdabench.models.ProbeSet;

/**
 * The (sigma, eps) probes whose per-sample gradients are averaged into one row's feature: G per
 * row, sample-major, as {@link org.tdabench.models.GradientFunction#compute} takes them.
 */
public interface RowProbes {
  /** G, the probes of every row. */
  int perRow();

  /** Row {@code row}'s G sigmas into {@code sigma[so..]} and G noise images into {@code eps[eo..]}. */
  void fill(int row, float[] sigma, int so, float[] eps, int eo);

  /**
   * Every row gets all K probes of {@code set} (noise-consistent: the same sigmas and noises for
   * every sample; our choice. D-TRAK's grad_unconditional.py reseeds before each timestep and draws
   * one noise image per batch position, so its samples share noise only with the samples at the
   * same position of other batches).
   */
  static RowProbes shared(ProbeSet set) {
    int k = set.size();
    int d = set.imageSize();
    return new RowProbes() {
      @Override
      public int perRow() {
        return k;
      }

      @Override
      public void fill(int row, float[] sigma, int so, float[] eps, int eo) {
        System.arraycopy(set.sigmas(), 0, sigma, so, k);
        System.arraycopy(set.eps(), 0, eps, eo, k * d);
      }
    };
  }
}
