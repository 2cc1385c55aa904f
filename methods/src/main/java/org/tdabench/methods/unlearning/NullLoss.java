package org.tdabench.methods.unlearning;

import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;
import org.tdabench.methods.api.ImageSet;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.edm.Edm;

/**
 * L_null, the loss of a network that has learnt nothing: MUCS unlearns a target until its clamped
 * loss reaches 95 % of it.
 *
 * <p>As the reference ({@code estimate_null_loss}), it is estimated with a freshly initialised model
 * on shuffled training batches at training (log-normal) sigmas. The zero-initialised {@code last}
 * layer makes a fresh network's output exactly 0, so D = c_skip (x + sigma eps) and the estimate
 * does not depend on the initialisation; its expectation is {@link Edm#expectedZeroOutputLoss} of
 * the data's per-pixel second moment, reported beside it as a check.
 *
 * @param value the L_null that MUCS uses
 * @param samples training images in the estimate (0 when the value was given)
 * @param analytic the expected zero-output loss for this data's second moment
 * @param secondMoment the training set's per-pixel E[x^2] ([-1, 1] scale)
 */
public record NullLoss(double value, int samples, double analytic, double secondMoment) {

  /** A given value (option {@code loss_null}), with the analytic value beside it. */
  public static NullLoss given(double value, ModelSpec spec, ImageSet train) {
    double m2 = Images.secondMoment(train);
    return new NullLoss(value, 0, Edm.expectedZeroOutputLoss(m2, spec.edm()), m2);
  }

  /**
   * The reference's estimate: one shuffled pass of drop-last batches of {@code batch} training
   * images, at most {@code maxBatches} of them, each image at its own training sigma and noise.
   * Draws: the order from {@code seeds.child("order")}, batch j's sigmas and noise from
   * {@code seeds.child("batch", j)}, the fresh weights from {@code seeds.child("init")}.
   */
  public static NullLoss estimate(ModelSpec spec, ImageSet train, int batch, int maxBatches, SeedTree seeds,
      int threads) {
    int n = train.size();
    int batches = Math.min(maxBatches, n / batch);
    if (batches < 1) {
      throw new IllegalArgumentException("L_null needs at least one batch of " + batch + " images; the set has " + n);
    }
    int d = spec.imageSize();
    int[] order = seeds.child("order").rng().permutation(n);
    double sum = 0;
    try (DitEdmModel fresh = DitEdmModel.create(spec, threads)) {
      fresh.initialize(seeds.child("init"));
      fresh.withEvalBatch(batch);
      for (int j = 0; j < batches; j++) {
        int[] rows = new int[batch];
        System.arraycopy(order, j * batch, rows, 0, batch);
        float[] x = Images.rows(train, rows);
        float[] y = Images.conds(train, rows);
        CounterRng r = seeds.child("batch", j).rng();
        float[] sigma = new float[batch];
        for (int i = 0; i < batch; i++) {
          sigma[i] = (float) Edm.trainingSigma(r.nextGaussian(), spec.edm());
        }
        float[] eps = new float[batch * d];
        r.fillGaussian(eps);
        for (float l : fresh.losses(x, y, sigma, eps, batch)) {
          sum += l;
        }
      }
    }
    double m2 = Images.secondMoment(train);
    int samples = batches * batch;
    return new NullLoss(sum / samples, samples, Edm.expectedZeroOutputLoss(m2, spec.edm()), m2);
  }

  public boolean estimated() {
    return samples > 0;
  }
}
