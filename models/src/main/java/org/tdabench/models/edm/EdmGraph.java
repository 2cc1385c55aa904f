package org.tdabench.models.edm;

import org.tdabench.models.config.EdmConfig;
import org.tdabench.models.nn.DitEdmNetwork;
import org.tdabench.models.nn.Weights;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The EDM denoiser and per-sample loss as graph ops around a {@link DitEdmNetwork}:
 * D(x; s) = c_skip x + c_out F(c_in x, c_noise) and l = lambda(s) mean_pixels (D - x0)^2.
 */
public final class EdmGraph {
  private final DitEdmNetwork net;
  private final EdmConfig edm;

  public EdmGraph(DitEdmNetwork net, EdmConfig edm) {
    this.net = net;
    this.edm = edm;
  }

  public DitEdmNetwork network() {
    return net;
  }

  public EdmConfig edm() {
    return edm;
  }

  /** Denoiser output D, raw network output F, and the mean patch token (features). */
  public record Denoised(Operand<TFloat32> d, Operand<TFloat32> f, Operand<TFloat32> features) {}

  /**
   * D(xNoisy; sigma) for a batch: {@code xNoisy} [B,H,W,C], {@code sigma} [B], {@code y} [B,D] (or
   * null if unconditional), {@code aug} [B] int32 flags.
   */
  public Denoised denoise(Ops tf, int batch, Weights w, Operand<TFloat32> xNoisy,
      Operand<TFloat32> sigma, Operand<TFloat32> y, Operand<TInt32> aug, DitEdmNetwork.Options opt) {
    float sd = (float) edm.sigmaData();
    Operand<TFloat32> s4 = tf.reshape(sigma, tf.constant(new long[] {batch, 1, 1, 1}));
    Operand<TFloat32> denom = tf.math.add(tf.math.square(s4), tf.constant(sd * sd));
    Operand<TFloat32> cSkip = tf.math.div(tf.constant(sd * sd), denom);
    Operand<TFloat32> cOut = tf.math.mul(tf.math.mul(s4, tf.constant(sd)), tf.math.rsqrt(denom));
    Operand<TFloat32> cIn = tf.math.rsqrt(denom);
    Operand<TFloat32> cNoise = tf.math.div(tf.math.log(tf.math.add(sigma, tf.constant(1e-6f))), tf.constant(4f));
    DitEdmNetwork.Output out = net.build(tf, batch, w,
        new DitEdmNetwork.Inputs(tf.math.mul(cIn, xNoisy), cNoise, y, aug), opt);
    Operand<TFloat32> d = tf.math.add(tf.math.mul(cSkip, xNoisy), tf.math.mul(cOut, out.f()));
    return new Denoised(d, out.f(), out.features());
  }

  /** lambda(s) = (s^2 + sd^2) / (s sd)^2 for a [B] sigma vector. */
  public Operand<TFloat32> lossWeight(Ops tf, Operand<TFloat32> sigma) {
    float sd = (float) edm.sigmaData();
    Operand<TFloat32> num = tf.math.add(tf.math.square(sigma), tf.constant(sd * sd));
    return tf.math.div(num, tf.math.square(tf.math.mul(sigma, tf.constant(sd))));
  }

  /** Per-sample EDM loss [B]: lambda(s) mean over pixels of (D - x0)^2. */
  public Operand<TFloat32> perSampleLoss(Ops tf, Operand<TFloat32> d, Operand<TFloat32> x0, Operand<TFloat32> sigma) {
    Operand<TFloat32> se = tf.math.squaredDifference(d, x0);
    Operand<TFloat32> mse = tf.math.mean(se, tf.constant(new int[] {1, 2, 3}));
    return tf.math.mul(lossWeight(tf, sigma), mse);
  }

  /** Training sigma from standard-normal draws: exp(P_std z + P_mean). */
  public Operand<TFloat32> trainingSigma(Ops tf, Operand<TFloat32> z) {
    return tf.math.exp(tf.math.add(tf.math.mul(z, tf.constant((float) edm.pStd())), tf.constant((float) edm.pMean())));
  }
}
