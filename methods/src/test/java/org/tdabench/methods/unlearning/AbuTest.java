package org.tdabench.methods.unlearning;

import org.tdabench.models.TinyModels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.core.SeedTree;
import org.tdabench.methods.TestTasks;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.ImageSet;
import org.tdabench.methods.api.Scores;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.GradientFunction;
import org.tdabench.models.GradientSpec;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.OutputFunction;
import org.tdabench.models.nn.ParamSubsets;

@Tag("numerics")
class AbuTest {
  @TempDir
  Path dir;

  /**
   * Fixture-sized options. At N = 24 the reference's eta = 0.01 moves the subset by tens of times
   * its own norm; 1e-5 keeps the step in the first-order regime (relative change about 0.05).
   */
  static Map<String, String> small(String... more) {
    Map<String, String> o = new HashMap<>(Map.of("unlearn_lr", "1e-5", "unlearn_batch_size", "16",
        "unlearn_grad_accum_steps", "4", "fisher_epochs", "2", "fisher_batch_size", "8", "eval_batch", "64"));
    for (int i = 0; i < more.length; i += 2) {
      o.put(more[i], more[i + 1]);
    }
    return o;
  }

  /** Mirror image by index arithmetic, independent of the method's helper. */
  static float[] mirror(float[] img, ModelSpec spec) {
    int h = spec.arch().imageHeight();
    int w = spec.arch().imageWidth();
    int c = spec.arch().imageChannels();
    float[] out = new float[img.length];
    for (int r = 0; r < h; r++) {
      for (int q = 0; q < w; q++) {
        for (int ch = 0; ch < c; ch++) {
          out[(r * w + q) * c + ch] = img[(r * w + (w - 1 - q)) * c + ch];
        }
      }
    }
    return out;
  }

  @Test
  void fisherMatchesBruteForcePerSampleGradients() {
    ModelSpec spec = TestTasks.spec();
    ImageSet train = TestTasks.trainSet().subset(new int[] {0, 3, 7, 10, 21});
    int n = train.size();
    int d = spec.imageSize();
    int epochs = 2;
    SeedTree seeds = SeedTree.root(31);
    try (DitEdmModel m = DitEdmModel.of(spec, TestTasks.weights(), TinyModels.threads())) {
      List<String> subset = ParamSubsets.mlpWeights(m.params());
      // Batch 3 over 2N = 10 rows: chunks straddle the image / mirror-image boundary and pad.
      float[] f = DiagonalFisher.compute(m, subset, train, epochs, 3, seeds);
      // One backward pass per sample through the shared (untiled) weights.
      GradientFunction one =
          m.gradients(new GradientSpec(OutputFunction.LOSS, subset, 1, false, 0, 0, 1, true).naive());
      double[] brute = new double[one.dim()];
      for (int e = 0; e < epochs; e++) {
        for (int row = 0; row < 2 * n; row++) {
          float[] x = new float[d];
          train.image(row % n, x, 0);
          if (row >= n) {
            x = mirror(x, spec);
          }
          float[] y = new float[spec.condDim()];
          train.cond(row % n, y, 0);
          DiagonalFisher.Draw dr = DiagonalFisher.draw(seeds, e, row, spec.edm(), d);
          float[] g = one.compute(x, y, new float[] {dr.sigma()}, dr.eps(), 1);
          for (int j = 0; j < g.length; j++) {
            brute[j] += (double) g[j] * g[j] / (epochs * 2.0 * n);
          }
        }
      }
      assertEquals(brute.length, f.length);
      assertEquals(m.params().count(subset), f.length);
      double max = 0;
      for (double v : brute) {
        max = Math.max(max, v);
      }
      assertTrue(max > 0);
      int zeros = 0;
      for (int j = 0; j < f.length; j++) {
        assertEquals(brute[j], f[j], 1e-3 * max + 1e-3 * brute[j], "entry " + j);
        zeros += brute[j] == 0 ? 1 : 0;
      }
      // The fixture uses 4 of 10 classes: the y-MLP's first-layer rows of the other 6 get no gradient.
      assertEquals(6 * spec.arch().condWidth(), zeros);
    }
  }

  @Test
  void newtonStepMovesOnlyTheSubsetAndSkipsZeroFisherEntries() {
    ModelSpec spec = TestTasks.spec();
    try (DitEdmModel m = DitEdmModel.of(spec, TestTasks.weights(), TinyModels.threads())) {
      List<String> subset = ParamSubsets.mlpWeights(m.params());
      float[] fisher = DiagonalFisher.compute(m, subset, TestTasks.trainSet(), 1, 8, SeedTree.root(2));
      var tuner = m.fineTuner(org.tdabench.models.FineTuneSpec.adamW(subset, 8, 1e-3, 0));
      NewtonAscent ascent = new NewtonAscent(m, tuner, fisher, 1e-8);
      var before = m.weights();
      // A target of class 9, which no fixture image has: its y-MLP row has F = 0 and must not move.
      float[] cond = new float[spec.condDim()];
      cond[9] = 1f;
      double rel = ascent.unlearn(TestTasks.selfTargets(3).images(), cond, 1, 2, 1e-5, 24, SeedTree.root(3));
      assertTrue(rel > 0 && rel < 1, "relative update " + rel);
      var after = m.weights();
      int off = 0;
      int movedAtZero = 0;
      for (String name : before.names()) {
        if (!subset.contains(name)) {
          assertArrayEquals(before.get(name), after.get(name), name + " is frozen");
        }
      }
      for (String name : subset) {
        float[] a = before.get(name);
        float[] b = after.get(name);
        for (int j = 0; j < a.length; j++) {
          if (fisher[off + j] == 0f && a[j] != b[j]) {
            movedAtZero++;
          }
        }
        off += a.length;
      }
      assertEquals(0, movedAtZero);
      // Not vacuous: the target's gradient does reach that row.
      int b = 8;
      float[] w = new float[b];
      float[] c = new float[b];
      java.util.Arrays.fill(w, 1f / b);
      java.util.Arrays.fill(c, Float.POSITIVE_INFINITY);
      tuner.evaluate(Images.repeat(TestTasks.selfTargets(3).images(), 0, spec.imageSize(), b),
          Images.repeat(cond, 0, cond.length, b), w, c, SeedTree.root(4).statelessPair());
      float[] gy = tuner.stashedGradient().get("y_embedder.emb_mlp.0.weight");
      int width = spec.arch().condWidth();
      boolean reaches = false;
      for (int j = 9 * width; j < 10 * width; j++) {
        reaches |= gy[j] != 0f;
      }
      assertTrue(reaches, "class 9's row gets a gradient from a class-9 target");
      assertEquals(6L * spec.arch().condWidth(), ascent.zeroFisher());
    }
  }

  @Test
  void noStepGivesExactlyZeroScores() {
    Abu a = new Abu();
    for (String[] opt : new String[][] {{"unlearn_steps", "0"}, {"unlearn_lr", "0"}}) {
      Scores s = a.attribute(TestTasks.task(a, TestTasks.selfTargets(2, 11), small(opt), dir));
      for (float v : s.values()) {
        assertEquals(0f, v, String.join("=", opt));
      }
    }
  }

  @Test
  void selfRetrievalAndCachedRerunsAreIdentical() {
    int[] rows = {0, 5, 13, 22};
    Abu a = new Abu();
    AttributionTask task = TestTasks.task(a, TestTasks.selfTargets(rows), small(), dir);
    Scores s = a.attribute(task);
    for (int t = 0; t < rows.length; t++) {
      assertTrue(s.get(t, rows[t]) > 0, "the target's own loss must rise");
      assertTrue(TestTasks.rank(s, t, rows[t]) < 3, "target " + rows[t] + " ranks itself "
          + TestTasks.rank(s, t, rows[t]));
    }
    assertEquals(false, s.metadata().get("fisher_cached"));
    assertEquals(6L * TestTasks.spec().arch().condWidth(), s.metadata().get("fisher_zero_entries"));
    Scores again = a.attribute(task);
    assertEquals(true, again.metadata().get("fisher_cached"));
    assertEquals(true, again.metadata().get("original_losses_cached"));
    assertArrayEquals(s.values(), again.values());
  }
}
