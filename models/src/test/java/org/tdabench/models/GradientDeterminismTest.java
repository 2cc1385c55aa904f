package org.tdabench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Per-sample gradients are bit-identical across sessions: the graph is rebuilt (with other node
 * names and addresses) and must sum every gradient in the same order.
 */
@Tag("numerics")
class GradientDeterminismTest {
  @Test
  void batchedGradientsAreBitIdenticalAcrossSessions() {
    int n = 3;
    int g = 2;
    ModelWeights w;
    try (DitEdmModel m = TinyModels.fresh(4)) {
      DitEdmModelTest.perturb(m);
      w = m.weights();
    }
    int d = TinyModels.tinySpec().imageSize();
    float[] x = TinyModels.uniformImages(n, d, 1);
    float[] y = TinyModels.oneHot(n, TinyModels.tinySpec().condDim());
    float[] sig = {0.3f, 2f, 0.7f, 0.05f, 1.1f, 9f};
    float[] eps = TinyModels.gaussians(n * g * d, 2);
    for (boolean norm : new boolean[] {false, true}) {
      GradientSpec spec = new GradientSpec(OutputFunction.SQUARED_OUTPUT, null, g, norm, 0, 0, n, true);
      float[] first;
      try (DitEdmModel m = DitEdmModel.of(TinyModels.tinySpec(), w, TinyModels.threads())) {
        first = m.gradients(spec).compute(x, y, sig, eps, n);
      }
      try (DitEdmModel m = DitEdmModel.of(TinyModels.tinySpec(), w, TinyModels.threads())) {
        assertArrayEquals(first, m.gradients(spec).compute(x, y, sig, eps, n), "normalizePerProbe=" + norm);
      }
    }
  }
}
