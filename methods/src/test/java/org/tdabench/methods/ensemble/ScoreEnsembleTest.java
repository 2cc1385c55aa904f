package org.tdabench.methods.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.core.UserError;
import org.tdabench.methods.TestTasks;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.Scores;
import org.tdabench.methods.baselines.PixelSimilarity;
import org.tdabench.methods.baselines.RandomScores;

@Tag("numerics")
class ScoreEnsembleTest {
  @TempDir
  Path dir;

  @Test
  void ranksAreScaledToTheUnitIntervalWithAverageTies() {
    assertArrayEquals(new double[] {0.0, 0.625, 0.625, 0.25, 1.0}, // ranks 1, 3.5, 3.5, 2, 5 -> (r - 1) / 4
        ScoreEnsemble.normalise(new float[] {-3f, 2f, 2f, 0f, 9f}, "rank"), 1e-12);
    double[] z = ScoreEnsemble.normalise(new float[] {1f, 2f, 3f}, "zscore");
    assertEquals(0.0, z[1], 1e-12);
    assertEquals(-z[0], z[2], 1e-12);
  }

  @Test
  void theEnsembleOfAMethodWithItselfRanksLikeIt() {
    ScoreEnsemble e = new ScoreEnsemble();
    var targets = TestTasks.selfTargets(2, 11);
    AttributionTask task = TestTasks.task(e, targets, Map.of("members", "pixel,random", "weights", "1,0"), dir);
    TestTasks.Resources res = (TestTasks.Resources) task.resources();
    PixelSimilarity pixel = new PixelSimilarity();
    RandomScores random = new RandomScores();
    res.register(pixel, () -> pixel.attribute(TestTasks.task(pixel, targets, Map.of(), dir)));
    res.register(random, () -> random.attribute(TestTasks.task(random, targets, Map.of(), dir)));
    Scores s = e.attribute(task);
    Scores p = res.scoresOf("pixel");
    for (int t = 0; t < 2; t++) {
      // Weight 0 on random: the ensemble is pixel's ranks, so the order of every pair is pixel's.
      for (int i = 0; i < s.train(); i++) {
        for (int j = 0; j < s.train(); j++) {
          if (p.get(t, i) > p.get(t, j)) {
            assertTrue(s.get(t, i) > s.get(t, j));
          }
        }
      }
    }
    assertEquals(java.util.List.of("pixel", "random"), s.metadata().get("members"));
  }

  @Test
  void badMembersAndWeightsAreOneLineErrors() {
    ScoreEnsemble e = new ScoreEnsemble();
    var targets = TestTasks.selfTargets(0);
    UserError one = assertThrows(UserError.class,
        () -> e.attribute(TestTasks.task(e, targets, Map.of("members", "pixel"), dir)));
    assertTrue(one.getMessage().contains("at least two"), one.getMessage());
    UserError self = assertThrows(UserError.class,
        () -> e.attribute(TestTasks.task(e, targets, Map.of("members", "pixel,ensemble"), dir)));
    assertTrue(self.getMessage().contains("cannot contain itself"), self.getMessage());
    UserError w = assertThrows(UserError.class,
        () -> e.attribute(TestTasks.task(e, targets, Map.of("members", "pixel,random", "weights", "1"), dir)));
    assertTrue(w.getMessage().contains("one per member"), w.getMessage());
  }
}
