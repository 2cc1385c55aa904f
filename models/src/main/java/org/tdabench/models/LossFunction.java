package org.tdabench.models;

import java.util.List;
import org.tdabench.models.graph.Tensors;
import org.tdabench.models.nn.DitEdmNetwork;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Per-sample EDM losses of (image, sigma, eps) pairs, eval mode, one static batch size. */
final class LossFunction {
  private final DitEdmModel m;
  private final ModelInputs in;
  private final Operand<TFloat32> loss;

  LossFunction(DitEdmModel m, int batch) {
    this.m = m;
    Ops tf = m.tf().withSubScope("loss_b" + batch);
    this.in = new ModelInputs(tf, m.spec(), batch, true);
    var den = m.edm().denoise(tf, batch, m.sharedWeights(), in.noisy(tf), in.sigma, in.y, in.aug,
        DitEdmNetwork.Options.eval());
    this.loss = m.edm().perSampleLoss(tf, den.d(), in.x, in.sigma);
  }

  float[] run(float[] x, float[] y, float[] sigma, float[] eps, int n) {
    int d = m.spec().imageSize();
    Batching.checkLength("x", x, (long) n * d);
    Batching.checkLength("eps", eps, (long) n * d);
    Batching.checkLength("sigma", sigma, n);
    float[] out = new float[n];
    List<Tensor> open = ModelInputs.openList();
    for (int start = 0; start < n; start += in.batch) {
      int count = Math.min(in.batch, n - start);
      Session.Runner r = m.session().runner();
      try {
        in.feed(r, open, x, y, sigma, eps, start, count);
        try (Result res = r.fetch(loss).run()) {
          float[] l = Tensors.read(res.get(0));
          System.arraycopy(l, 0, out, start, count);
        }
      } finally {
        ModelInputs.closeAll(open);
      }
    }
    return out;
  }
}
