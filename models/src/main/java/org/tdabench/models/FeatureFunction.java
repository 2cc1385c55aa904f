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

/** The network's mean patch token after the final adaLN layer [n][width], eval mode. */
final class FeatureFunction {
  private final DitEdmModel m;
  private final ModelInputs in;
  private final Operand<TFloat32> features;

  FeatureFunction(DitEdmModel m, int batch) {
    this.m = m;
    Ops tf = m.tf().withSubScope("features_b" + batch);
    this.in = new ModelInputs(tf, m.spec(), batch, true);
    this.features = m.edm().denoise(tf, batch, m.sharedWeights(), in.noisy(tf), in.sigma, in.y,
        in.aug, DitEdmNetwork.Options.eval()).features();
  }

  float[] run(float[] x, float[] y, float[] sigma, float[] eps, int n) {
    int width = m.spec().arch().width();
    float[] out = new float[n * width];
    float[] buf = new float[in.batch * width];
    List<Tensor> open = ModelInputs.openList();
    for (int start = 0; start < n; start += in.batch) {
      int count = Math.min(in.batch, n - start);
      Session.Runner r = m.session().runner();
      try {
        in.feed(r, open, x, y, sigma, eps, start, count);
        try (Result res = r.fetch(features).run()) {
          Tensors.readInto(res.get(0), buf, 0);
          System.arraycopy(buf, 0, out, start * width, count * width);
        }
      } finally {
        ModelInputs.closeAll(open);
      }
    }
    return out;
  }
}
