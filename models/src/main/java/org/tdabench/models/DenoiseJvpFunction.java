package org.tdabench.models;

import java.util.List;
import org.tdabench.models.graph.SecondOrderGradients;
import org.tdabench.models.graph.Tensors;
import org.tdabench.models.nn.DitEdmNetwork;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * D(x; sigma) and its Jacobian-vector product (dD/dx) v for a batch at one noise level, eval
 * mode: the forward-mode derivative that propagates tangents through a sampler. TensorFlow's
 * graph gradients are reverse-mode only, so the product is the derivative of a vector-Jacobian
 * product: g(u) = (dD/dx)^T u is linear in u, hence d<g(u), v>/du = (dD/dx) v for any u (the
 * "double backward" trick); u is fed as zeros. Each batch entry has its own x and v (the network
 * acts on every entry separately, so the products do not mix entries).
 */
final class DenoiseJvpFunction {
  private final DitEdmModel m;
  private final ModelInputs in;
  private final Placeholder<TFloat32> sigma;
  private final Placeholder<TFloat32> tangent;
  private final Placeholder<TFloat32> cotangent;
  private final Operand<TFloat32> out;
  private final Operand<TFloat32> jvp;

  DenoiseJvpFunction(DitEdmModel m, int batch) {
    this.m = m;
    SecondOrderGradients.register();
    Ops tf = m.tf().withSubScope("denoise_jvp_b" + batch);
    this.in = new ModelInputs(tf, m.spec(), batch, false);
    Shape img = Shape.of(m.spec().imageShape(batch));
    this.sigma = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    this.tangent = tf.placeholder(TFloat32.class, Placeholder.shape(img));
    this.cotangent = tf.placeholder(TFloat32.class, Placeholder.shape(img));
    Operand<TFloat32> sv = tf.fill(tf.constant(new long[] {batch}), sigma);
    this.out = m.edm().denoise(tf, batch, m.sharedWeights(), in.x, sv, in.y, in.aug,
        DitEdmNetwork.Options.eval()).d();
    Gradients vjp = tf.gradients(List.of(out), List.of(in.x), Gradients.dx(List.of(cotangent)));
    Operand<TFloat32> g = vjp.dy(0);
    Gradients second = tf.gradients(List.of(g), List.of(cotangent), Gradients.dx(List.of(tangent)));
    this.jvp = second.dy(0);
  }

  /**
   * D(x; s) and (dD/dx) v for n images: {@code x} and {@code v} flat NHWC (n images each),
   * {@code y} conditions (null if unconditional). Returns {D, Jv}.
   */
  float[][] run(float[] x, float[] y, float[] v, double s, int n) {
    int d = m.spec().imageSize();
    Batching.checkLength("x", x, (long) n * d);
    Batching.checkLength("v", v, (long) n * d);
    float[] den = new float[n * d];
    float[] jv = new float[n * d];
    List<Tensor> open = ModelInputs.openList();
    float[] buf = new float[in.batch * d];
    for (int start = 0; start < n; start += in.batch) {
      int count = Math.min(in.batch, n - start);
      Session.Runner r = m.session().runner();
      try {
        in.feed(r, open, x, y, null, null, start, count);
        TFloat32 ts = Tensors.scalar((float) s);
        TFloat32 tv = Tensors.f32(Batching.chunk(v, start, count, d, in.batch), m.spec().imageShape(in.batch));
        TFloat32 tu = Tensors.f32(new float[in.batch * d], m.spec().imageShape(in.batch));
        open.add(ts);
        open.add(tv);
        open.add(tu);
        r.feed(sigma, ts).feed(tangent, tv).feed(cotangent, tu);
        try (Result res = r.fetch(out).fetch(jvp).run()) {
          Tensors.readInto(res.get(0), buf, 0);
          System.arraycopy(buf, 0, den, start * d, count * d);
          Tensors.readInto(res.get(1), buf, 0);
          System.arraycopy(buf, 0, jv, start * d, count * d);
        }
      } finally {
        ModelInputs.closeAll(open);
      }
    }
    return new float[][] {den, jv};
  }
}
