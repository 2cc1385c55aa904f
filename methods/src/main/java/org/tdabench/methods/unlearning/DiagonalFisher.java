package org.tdabench.methods.unlearning;

import java.util.List;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;
import org.tdabench.methods.api.ImageSet;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.GradientFunction;
import org.tdabench.models.GradientSpec;
import org.tdabench.models.OutputFunction;
import org.tdabench.models.config.EdmConfig;
import org.tdabench.models.edm.Edm;

/**
 * AbU's diagonal empirical Fisher (the reference's compute_fisher.py; its EDM form in the MUCS
 * reference's first commit): F = mean over samples of the squared per-sample gradient of the EDM
 * loss, over a parameter subset. The samples are the training images and their horizontal mirror
 * images (rows [0, N) and [N, 2N)), {@code epochs} times, each time at a fresh training
 * (log-normal) sigma and noise. Per-sample gradients come batched from one backward pass
 * ({@link GradientFunction}); squares are summed in double.
 *
 * <p>Draws: sample (epoch e, row r) takes its sigma and noise from
 * {@code seeds.child("epoch", e).child("row", r)} ({@link #draw}), so a brute-force check can
 * reproduce them.
 */
public final class DiagonalFisher {
  private DiagonalFisher() {}

  /** One sample's sigma and unit noise. */
  public record Draw(float sigma, float[] eps) {}

  /** The sigma and noise of sample (epoch, row). */
  public static Draw draw(SeedTree seeds, int epoch, int row, EdmConfig edm, int imageSize) {
    CounterRng r = seeds.child("epoch", epoch).child("row", row).rng();
    float sigma = (float) Edm.trainingSigma(r.nextGaussian(), edm);
    float[] eps = new float[imageSize];
    r.fillGaussian(eps);
    return new Draw(sigma, eps);
  }

  /**
   * The Fisher diagonal over {@code params} (concatenated in list order, each tensor row-major).
   *
   * @param batch per-sample gradients per graph run
   */
  public static float[] compute(DitEdmModel model, List<String> params, ImageSet train, int epochs, int batch,
      SeedTree seeds) {
    int n = train.size();
    int rows = 2 * n;
    int d = train.imageSize();
    int cd = train.condDim();
    GradientFunction grads = model.gradients(new GradientSpec(OutputFunction.LOSS, params, 1, false, 0, 0,
        Math.min(batch, rows), true));
    int dim = grads.dim();
    double[] sum = new double[dim];
    int chunk = Math.min(batch, rows);
    float[] x = new float[chunk * d];
    float[] y = cd == 0 ? null : new float[chunk * cd];
    float[] sigma = new float[chunk];
    float[] eps = new float[chunk * d];
    for (int e = 0; e < epochs; e++) {
      for (int start = 0; start < rows; start += chunk) {
        int c = Math.min(chunk, rows - start);
        for (int i = 0; i < c; i++) {
          int row = start + i;
          train.image(row % n, x, i * d);
          if (row >= n) {
            flipOne(x, i, model);
          }
          if (y != null) {
            train.cond(row % n, y, i * cd);
          }
          Draw dr = draw(seeds, e, row, model.spec().edm(), d);
          sigma[i] = dr.sigma();
          System.arraycopy(dr.eps(), 0, eps, i * d, d);
        }
        float[] g = grads.compute(trim(x, c * d), y == null ? null : trim(y, c * cd), trim(sigma, c),
            trim(eps, c * d), c);
        for (int i = 0; i < c; i++) {
          int off = i * dim;
          for (int j = 0; j < dim; j++) {
            double v = g[off + j];
            sum[j] += v * v;
          }
        }
      }
    }
    double count = (double) epochs * rows;
    float[] f = new float[dim];
    for (int j = 0; j < dim; j++) {
      f[j] = (float) (sum[j] / count);
    }
    return f;
  }

  private static void flipOne(float[] x, int i, DitEdmModel model) {
    int d = model.spec().imageSize();
    float[] one = new float[d];
    System.arraycopy(x, i * d, one, 0, d);
    Images.flipHorizontal(one, 1, model.spec());
    System.arraycopy(one, 0, x, i * d, d);
  }

  private static float[] trim(float[] a, int length) {
    return a.length == length ? a : java.util.Arrays.copyOf(a, length);
  }
}
