package org.tdabench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tdabench.core.SeedTree;
import org.tdabench.models.nn.ParamSubsets;

@Tag("numerics")
class FineTunerTest {

  @Test
  void onlyTheTrainableSubsetMovesAndResetRestoresIt() {
    try (DitEdmModel m = TinyModels.fresh(4)) {
      DitEdmModelTest.perturb(m);
      ModelWeights before = m.weights();
      List<String> trainable = ParamSubsets.mlpWeights(m.params());
      int b = 6;
      FineTuner ft = m.fineTuner(FineTuneSpec.adamW(trainable, b, 1e-2, 0.01));
      int d = m.spec().imageSize();
      float[] x = TinyModels.uniformImages(b, d, 1);
      float[] y = TinyModels.oneHot(b, m.spec().condDim());
      float[] w = new float[b];
      float[] c = new float[b];
      Arrays.fill(w, 1f / b);
      Arrays.fill(c, Float.POSITIVE_INFINITY);
      float[] first = null;
      for (int s = 0; s < 5; s++) {
        float[] l = ft.evaluate(x, y, w, c, SeedTree.root(1).child("step", s).statelessPair());
        if (first == null) {
          first = l;
        }
        ft.apply();
      }
      assertEquals(5, ft.steps());
      ModelWeights after = m.weights();
      for (String name : before.names()) {
        boolean same = Arrays.equals(before.get(name), after.get(name));
        if (trainable.contains(name)) {
          assertFalse(same, name + " should have moved");
        } else {
          assertTrue(same, name + " is frozen and must stay bit-identical");
        }
      }
      // The same step seed after reset reproduces the first losses exactly.
      ft.reset();
      assertEquals(before.sha256(), m.weights().sha256());
      float[] again = ft.evaluate(x, y, w, c, SeedTree.root(1).child("step", 0).statelessPair());
      assertArrayEquals(first, again);
    }
  }

  @Test
  void descentLowersAndClampedAscentStopsAtTheClamp() {
    try (DitEdmModel m = TinyModels.fresh(5)) {
      DitEdmModelTest.perturb(m);
      int b = 8;
      int d = m.spec().imageSize();
      float[] x = TinyModels.uniformImages(1, d, 2);
      float[] xs = new float[b * d];
      for (int i = 0; i < b; i++) {
        System.arraycopy(x, 0, xs, i * d, d);
      }
      float[] y = TinyModels.oneHot(b, m.spec().condDim());
      for (int i = 0; i < b; i++) {
        Arrays.fill(y, i * 10, i * 10 + 10, 0f);
        y[i * 10 + 3] = 1f;
      }
      FineTuner ft = m.fineTuner(FineTuneSpec.adamW(ParamSubsets.all(m.params()), b, 3e-3, 0.0));
      float[] w = new float[b];
      Arrays.fill(w, -1f / b); // pure ascent
      float[] clamp = new float[b];
      Arrays.fill(clamp, 0f); // min(l, 0) = 0 for every l >= 0: the objective has no gradient
      ModelWeights before = m.weights();
      ft.evaluate(xs, y, w, clamp, SeedTree.root(2).statelessPair());
      ft.apply();
      // With every loss clamped the gradient is zero; AdamW with wd 0 and a zero moment leaves p.
      assertEquals(before.sha256(), m.weights().sha256());
    }
  }

  @Test
  void stashedGradientIsTheWeightedObjectivesGradient() {
    try (DitEdmModel m = TinyModels.fresh(6)) {
      DitEdmModelTest.perturb(m);
      int b = 4;
      int d = m.spec().imageSize();
      String name = "dit_backbone.0.mlp.0.weight";
      FineTuner ft = m.fineTuner(FineTuneSpec.adamW(List.of(name), b, 1e-3, 0.0));
      float[] x = TinyModels.uniformImages(b, d, 3);
      float[] y = TinyModels.oneHot(b, m.spec().condDim());
      float[] w = {0.5f, -0.25f, 0.25f, 1f};
      float[] c = new float[b];
      Arrays.fill(c, Float.POSITIVE_INFINITY);
      long[] seed = SeedTree.root(3).statelessPair();
      ft.evaluate(x, y, w, c, seed);
      float[] g = ft.stashedGradient().get(name);
      ModelWeights base = m.weights();
      // Finite differences at the three largest entries (the same seed gives the same draws).
      int[] top = java.util.stream.IntStream.range(0, g.length).boxed()
          .sorted((i, j) -> Float.compare(Math.abs(g[j]), Math.abs(g[i]))).limit(3)
          .mapToInt(Integer::intValue).toArray();
      double largest = Math.abs(g[top[0]]);
      for (int idx : top) {
        double h = 1e-2;
        double[] obj = new double[2];
        for (int sgn = 0; sgn < 2; sgn++) {
          float[] p = base.get(name).clone();
          p[idx] += (float) (sgn == 0 ? h : -h);
          m.load(base.with(java.util.Map.of(name, p)));
          float[] l = ft.evaluate(x, y, w, c, seed);
          for (int i = 0; i < b; i++) {
            obj[sgn] += w[i] * l[i];
          }
        }
        m.load(base);
        double fd = (obj[0] - obj[1]) / (2 * h);
        assertEquals(fd, g[idx], 0.03 * largest, "element " + idx);
      }
      assertEquals(base.get(name).length, g.length);
      assertTrue(largest > 0, "the gradient must not vanish");
    }
  }
}
