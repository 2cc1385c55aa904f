package org.tdabench.models.train;

import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.edm.Edm;

/**
 * A model's deterministic validation set: the first {@code limit} validation images, each with one
 * sigma and one noise image drawn from the seed {@code val/id/<id>}, so the validation loss of the
 * EMA model is comparable from epoch to epoch.
 */
final class ValidationSet {
  final int n;
  final float[] x;
  final float[] y;
  final float[] sigma;
  final float[] eps;

  ValidationSet(ModelSpec spec, TrainingData v, int limit, SeedTree seeds) {
    n = limit > 0 ? Math.min(limit, v.size()) : v.size();
    int d = spec.imageSize();
    int cd = spec.condDim();
    x = new float[n * d];
    y = new float[n * Math.max(cd, 1)];
    sigma = new float[n];
    eps = new float[n * d];
    for (int i = 0; i < n; i++) {
      v.image(i, x, i * d);
      if (cd > 0) {
        v.cond(i, y, i * cd);
      }
      CounterRng r = seeds.child("id", v.id(i)).rng();
      sigma[i] = (float) Edm.trainingSigma(r.nextGaussian(), spec.edm());
      r.fillGaussian(eps, i * d, d);
    }
  }

  /** Chunks of {@code batch} images needed to cover the set. */
  int chunks(int batch) {
    return (n + batch - 1) / batch;
  }

  /**
   * Copies chunk {@code c} ({@code batch} items, the last item repeated past the end) into the
   * arrays at row {@code row}.
   */
  void copyChunk(int c, int batch, int row, int d, int cd, float[] xs, float[] ys, float[] ss, float[] es) {
    for (int i = 0; i < batch; i++) {
      int k = Math.min(c * batch + i, n - 1);
      System.arraycopy(x, k * d, xs, (row + i) * d, d);
      System.arraycopy(eps, k * d, es, (row + i) * d, d);
      ss[row + i] = sigma[k];
      if (cd > 0) {
        System.arraycopy(y, k * cd, ys, (row + i) * cd, cd);
      }
    }
  }
}
