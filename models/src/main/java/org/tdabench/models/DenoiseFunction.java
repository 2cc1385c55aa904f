package org.tdabench.models;

import java.util.List;
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

/** D(x; sigma) for a batch at one noise level (the sampler's inner call), eval mode. */
final class DenoiseFunction {
  private final DitEdmModel m;
  private final ModelInputs in;
  private final Placeholder<TFloat32> sigma;
  private final Operand<TFloat32> out;

  DenoiseFunction(DitEdmModel m, int batch) {
    this.m = m;
    Ops tf = m.tf().withSubScope("denoise_b" + batch);
    this.in = new ModelInputs(tf, m.spec(), batch, false);
    this.sigma = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    Operand<TFloat32> sv = tf.fill(tf.constant(new long[] {batch}), sigma);
    this.out = m.edm().denoise(tf, batch, m.sharedWeights(), in.x, sv, in.y, in.aug,
        DitEdmNetwork.Options.eval()).d();
  }

  float[] run(float[] xNoisy, float[] y, double s, int n) {
    int d = m.spec().imageSize();
    Batching.checkLength("x", xNoisy, (long) n * d);
    float[] result = new float[n * d];
    List<Tensor> open = ModelInputs.openList();
    float[] buf = new float[in.batch * d];
    for (int start = 0; start < n; start += in.batch) {
      int count = Math.min(in.batch, n - start);
      Session.Runner r = m.session().runner();
      try {
        in.feed(r, open, xNoisy, y, null, null, start, count);
        TFloat32 ts = Tensors.scalar((float) s);
        open.add(ts);
        r.feed(sigma, ts);
        try (Result res = r.fetch(out).run()) {
          Tensors.readInto(res.get(0), buf, 0);
          System.arraycopy(buf, 0, result, start * d, count * d);
        }
      } finally {
        ModelInputs.closeAll(open);
      }
    }
    return result;
  }
}
