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
   * Every row gets all K probes of {@code set}: the same sigmas and noises for every sample (ours).
   * D-TRAK reseeds its noise per timestep and per batch, so its noise varies with a sample's
   * position in its batch; one noise per sigma makes a sample's feature independent of batching.
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
