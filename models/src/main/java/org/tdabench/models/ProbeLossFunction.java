package org.tdabench.models;

import java.util.List;
import org.tdabench.core.Progress;
import org.tdabench.models.graph.Tensors;
import org.tdabench.models.nn.DitEdmNetwork;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Losses of n images at every one of K shared probes, broadcast in-graph (the images are fed
 * once, not K times): one forward pass of n * K samples per run.
 */
final class ProbeLossFunction implements AutoCloseable {
  private final DitEdmModel m;
  private final int n;
  private final int k;
  private final ModelInputs in;
  private final Placeholder<TFloat32> sig;
  private final Placeholder<TFloat32> eps;
  private final Operand<TFloat32> loss;
  private TFloat32 fedSigma;
  private TFloat32 fedEps;
  private ProbeSet fedProbes;

  ProbeLossFunction(DitEdmModel m, int n, int k) {
    this.m = m;
    this.n = n;
    this.k = k;
    ModelSpec spec = m.spec();
    Ops tf = m.tf().withSubScope("probe_n" + n + "_k" + k);
    this.in = new ModelInputs(tf, spec, n, false);
    int h = spec.arch().imageHeight();
    int w = spec.arch().imageWidth();
    int c = spec.arch().imageChannels();
    int b = n * k;
    sig = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(k)));
    eps = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(k, h, w, c)));
    // x_rep[i*k + j] = x[i]; probe j for every image.
    Operand<TFloat32> x5 = tf.reshape(in.x, tf.constant(new long[] {n, 1, h, w, c}));
    Operand<TFloat32> xRep = tf.reshape(tf.tile(x5, tf.constant(new long[] {1, k, 1, 1, 1})),
        tf.constant(spec.imageShape(b)));
    Operand<TFloat32> sRep = tf.reshape(tf.tile(tf.reshape(sig, tf.constant(new long[] {1, k})),
        tf.constant(new long[] {n, 1})), tf.constant(new long[] {b}));
    Operand<TFloat32> eRep = tf.reshape(tf.tile(tf.reshape(eps, tf.constant(new long[] {1, k, h, w, c})),
        tf.constant(new long[] {n, 1, 1, 1, 1})), tf.constant(spec.imageShape(b)));
    Operand<TFloat32> yRep = null;
    if (in.y != null) {
      int dim = spec.condDim();
      yRep = tf.reshape(tf.tile(tf.reshape(in.y, tf.constant(new long[] {n, 1, dim})),
          tf.constant(new long[] {1, k, 1})), tf.constant(new long[] {b, dim}));
    }
    Operand<TFloat32> s4 = tf.reshape(sRep, tf.constant(new long[] {b, 1, 1, 1}));
    Operand<TFloat32> noisy = tf.math.add(xRep, tf.math.mul(s4, eRep));
    var aug = tf.zeros(tf.constant(new long[] {b}), org.tensorflow.types.TInt32.class);
    var den = m.edm().denoise(tf, b, m.sharedWeights(), noisy, sRep, yRep, aug, DitEdmNetwork.Options.eval());
    loss = m.edm().perSampleLoss(tf, den.d(), xRep, sRep);
  }

  float[] run(float[] x, float[] y, int count, ProbeSet probes, Progress progress) {
    return run(x, y, count, probes, progress, null);
  }

  /**
   * As {@link #run(float[], float[], int, ProbeSet, Progress)}; with {@code trace} non-null every
   * graph run is traced and each node's microseconds go to {@code trace} by op type (a profile:
   * tracing slows the run, so its timings are only compared with each other).
   */
  float[] run(float[] x, float[] y, int count, ProbeSet probes, Progress progress,
      java.util.function.BiConsumer<String, Long> trace) {
    int d = m.spec().imageSize();
    Batching.checkLength("x", x, (long) count * d);
    if (probes != fedProbes) {
      closeProbes();
      fedSigma = Tensors.f32(probes.sigmas(), k);
      fedEps = Tensors.f32(probes.eps(), m.spec().imageShape(k));
      fedProbes = probes;
    }
    float[] out = new float[count * k];
    List<Tensor> open = ModelInputs.openList();
    for (int start = 0; start < count; start += n) {
      int c = Math.min(n, count - start);
      Session.Runner r = m.session().runner();
      try {
        in.feed(r, open, x, y, null, null, start, c);
        r.feed(sig, fedSigma).feed(eps, fedEps);
        try (Result res = org.tdabench.models.train.OpProfile.run(r.fetch(loss), m.graph(), trace)) {
          Tensors.readInto(res.get(0), tmp(), 0);
          System.arraycopy(tmp, 0, out, start * k, c * k);
        }
        progress.step(c);
      } finally {
        ModelInputs.closeAll(open);
      }
    }
    return out;
  }

  private float[] tmp;

  private float[] tmp() {
    if (tmp == null) {
      tmp = new float[n * k];
    }
    return tmp;
  }

  @Override
  public void close() {
    closeProbes();
    fedProbes = null;
  }

  private void closeProbes() {
    if (fedSigma != null) {
      fedSigma.close();
      fedEps.close();
    }
  }
}
