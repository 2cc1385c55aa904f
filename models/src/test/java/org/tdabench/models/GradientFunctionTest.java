package org.tdabench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tdabench.models.nn.ParamSubsets;

@Tag("numerics")
class GradientFunctionTest {

  private static float[] probes(int count, int g, long seed) {
    float[] s = new float[count * g];
    org.tdabench.core.CounterRng r = new org.tdabench.core.CounterRng(seed);
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) Math.exp(-1.2 + 1.2 * r.nextGaussian());
    }
    return s;
  }

  @Test
  void batchedPerSampleGradientsEqualOneBackwardPassPerSample() {
    try (DitEdmModel m = TinyModels.fresh(1)) {
      DitEdmModelTest.perturb(m);
      int d = m.spec().imageSize();
      int n = 5;
      int g = 3;
      float[] x = TinyModels.uniformImages(n, d, 3);
      float[] y = TinyModels.oneHot(n, m.spec().condDim());
      float[] sig = probes(n, g, 4);
      float[] eps = TinyModels.gaussians(n * g * d, 5);
      for (OutputFunction out : OutputFunction.values()) {
        for (boolean norm : new boolean[] {false, true}) {
          GradientSpec spec = new GradientSpec(out, null, g, norm, 0, 0, 2, true);
          float[] batched = m.gradients(spec).compute(x, y, sig, eps, n);
          float[] naive = m.gradients(spec.naive()).compute(x, y, sig, eps, n);
          assertClose(naive, batched, 2e-4, out + " norm=" + norm);
        }
      }
      // A subset and a projection: the same projection matrix in both paths.
      List<String> subset = ParamSubsets.mlpWeights(m.params());
      GradientSpec proj = new GradientSpec(OutputFunction.LOSS, subset, g, false, 16, 99, 4, true);
      float[] a = m.gradients(proj).compute(x, y, sig, eps, n);
      float[] b = m.gradients(proj.naive()).compute(x, y, sig, eps, n);
      assertEquals(n * 16, a.length);
      assertClose(b, a, 2e-4, "projected");
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    try (DitEdmModel m = TinyModels.fresh(2)) {
      DitEdmModelTest.perturb(m);
      int d = m.spec().imageSize();
      float[] x = TinyModels.uniformImages(1, d, 6);
      float[] y = TinyModels.oneHot(1, m.spec().condDim());
      float[] sig = {0.8f};
      float[] eps = TinyModels.gaussians(d, 7);
      String name = "dit_backbone.1.mlp.0.weight";
      GradientSpec spec = new GradientSpec(OutputFunction.LOSS, List.of(name), 1, false, 0, 0, 1, true);
      float[] grad = m.gradients(spec).compute(x, y, sig, eps, 1);
      ModelWeights w = m.weights();
      for (int idx : new int[] {0, 17, 40}) {
        double h = 1e-2;
        float[] plus = w.get(name).clone();
        plus[idx] += (float) h;
        m.load(w.with(Map.of(name, plus)));
        double lp = m.losses(x, y, sig, eps, 1)[0];
        float[] minus = w.get(name).clone();
        minus[idx] -= (float) h;
        m.load(w.with(Map.of(name, minus)));
        double lm = m.losses(x, y, sig, eps, 1)[0];
        m.load(w);
        double fd = (lp - lm) / (2 * h);
        assertEquals(fd, grad[idx], 2e-3 + 0.02 * Math.abs(fd), "element " + idx);
      }
    }
  }

  @Test
  void normalisedProbeGradientsHaveUnitNormBeforeAveraging() {
    try (DitEdmModel m = TinyModels.fresh(3)) {
      DitEdmModelTest.perturb(m);
      int d = m.spec().imageSize();
      float[] x = TinyModels.uniformImages(3, d, 8);
      float[] y = TinyModels.oneHot(3, m.spec().condDim());
      GradientSpec spec = new GradientSpec(OutputFunction.LOSS, null, 1, true, 0, 0, 3, true);
      float[] f = m.gradients(spec).compute(x, y, probes(3, 1, 9), TinyModels.gaussians(3 * d, 10), 3);
      int dim = m.gradients(spec).dim();
      for (int i = 0; i < 3; i++) {
        double sq = 0;
        for (int j = 0; j < dim; j++) {
          sq += (double) f[i * dim + j] * f[i * dim + j];
        }
        assertEquals(1.0, Math.sqrt(sq), 1e-4);
      }
    }
  }

  static void assertClose(float[] expected, float[] actual, double rel, String what) {
    assertEquals(expected.length, actual.length);
    double scale = 0;
    for (float v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertTrue(scale > 0, what + ": gradients are all zero");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], rel * scale, what + " at " + i);
    }
  }
}
