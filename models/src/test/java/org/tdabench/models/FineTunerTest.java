package org.tdabench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tdabench.core.SeedTree;
import org.tdabench.models.nn.ParamSubsets;

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
}
