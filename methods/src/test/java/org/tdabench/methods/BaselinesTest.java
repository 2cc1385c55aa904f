package org.tdabench.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.core.UserError;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.Methods;
import org.tdabench.methods.api.Scores;
import org.tdabench.methods.api.Targets;
import org.tdabench.methods.baselines.ConditionSimilarity;
import org.tdabench.methods.baselines.DitFeatureSimilarity;
import org.tdabench.methods.baselines.FeatureSimilarity;
import org.tdabench.methods.baselines.PixelSimilarity;
import org.tdabench.methods.baselines.RandomScores;

@Tag("numerics")
class BaselinesTest {
  @TempDir
  Path dir;

  @Test
  void serviceLoaderFindsTheBaselinesAndUnknownNamesAreClearErrors() {
    List<String> names = Methods.installed().stream().map(AttributionMethod::name).toList();
    assertTrue(names.containsAll(List.of("random", "pixel", "condition", "feature", "dit-feature")), names.toString());
    UserError e = assertThrows(UserError.class, () -> Methods.get("nope"));
    assertTrue(e.getMessage().contains("pixel"), e.getMessage());
    UserError o = assertThrows(UserError.class,
        () -> TestTasks.task(new PixelSimilarity(), TestTasks.selfTargets(0), Map.of("k", "1"), dir));
    assertTrue(o.getMessage().contains("no option 'k'"), o.getMessage());
  }

  @Test
  void randomIsReproducibleUniformAndTargetIndependent() {
    RandomScores m = new RandomScores();
    Scores a = m.attribute(TestTasks.task(m, TestTasks.selfTargets(0, 1), Map.of(), dir));
    Scores b = m.attribute(TestTasks.task(m, TestTasks.selfTargets(0, 1, 2), Map.of(), dir));
    assertArrayEquals(a.row(1), b.row(1), "adding a target changes nobody else's randomness");
    for (float v : a.values()) {
      assertTrue(v >= 0 && v < 1);
    }
    assertFalse(java.util.Arrays.equals(a.row(0), a.row(1)));
  }

  @Test
  void pixelAndDitFeaturesRankATrainingImageFirstForItself() {
    int[] rows = {0, 5, 13, 22};
    for (AttributionMethod m : List.of(new PixelSimilarity(), new DitFeatureSimilarity())) {
      Scores s = m.attribute(TestTasks.task(m, TestTasks.selfTargets(rows), Map.of(), dir));
      for (int t = 0; t < rows.length; t++) {
        assertEquals(0, TestTasks.rank(s, t, rows[t]), m.name() + " target " + t);
      }
    }
  }

  @Test
  void conditionRanksTheSameClassFirstWithPixelTieBreak() {
    ConditionSimilarity m = new ConditionSimilarity();
    Scores s = m.attribute(TestTasks.task(m, TestTasks.selfTargets(6), Map.of(), dir));
    assertEquals(0, TestTasks.rank(s, 0, 6), "the image itself breaks the tie within its class");
    int cls = 6 % 4;
    for (int i = 0; i < TestTasks.N; i++) {
      for (int j = 0; j < TestTasks.N; j++) {
        if (i % 4 == cls && j % 4 != cls) {
          assertTrue(s.get(0, i) > s.get(0, j));
        }
      }
    }
  }

  @Test
  void featureWithoutABackboneIsUnavailableNotFaked() {
    FeatureSimilarity m = new FeatureSimilarity();
    var task = TestTasks.task(m, TestTasks.selfTargets(0), Map.of(), dir);
    assertTrue(m.unavailableReason(task).orElseThrow().contains("feature.model"));
    var missing = TestTasks.task(m, TestTasks.selfTargets(0), Map.of("model", dir.resolve("none").toString()), dir);
    UserError e = assertThrows(UserError.class, () -> m.attribute(missing));
    assertTrue(e.getMessage().contains("not a SavedModel"), e.getMessage());
  }

  @Test
  void featureUsesASavedModelBackbone() throws Exception {
    Path model = dir.resolve("backbone");
    TinyBackbone.export(model);
    FeatureSimilarity m = new FeatureSimilarity();
    int[] rows = {1, 9, 17};
    var task = TestTasks.task(m, TestTasks.selfTargets(rows),
        Map.of("model", model.toString(), "size", "8", "normalization", "signed"), dir);
    assertTrue(m.unavailableReason(task).isEmpty());
    Scores s = m.attribute(task);
    assertEquals(TinyBackbone.DIM, ((Number) s.metadata().get("embedding_dim")).intValue());
    for (int t = 0; t < rows.length; t++) {
      assertEquals(0, TestTasks.rank(s, t, rows[t]));
    }
    Scores again = m.attribute(task);
    assertArrayEquals(s.values(), again.values());
    assertNotEquals(s.get(0, 0), s.get(0, 1));
  }
}
