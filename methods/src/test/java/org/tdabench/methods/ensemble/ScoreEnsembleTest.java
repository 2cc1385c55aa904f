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
import org.tdabench.methods.api.TaskResources;
import org.tdabench.methods.baselines.PixelSimilarity;
import org.tdabench.methods.baselines.RandomScores;
import org.tdabench.models.config.TrainConfig;
import org.tdabench.models.train.TrainResult;

@Tag("numerics")
class ScoreEnsembleTest {
  @TempDir
  Path dir;

  @Test
  void ranksAreScaledToTheUnitIntervalWithAverageTies() {
    assertArrayEquals(new double[] {0.0, 0.625, 0.625, 0.25, 1.0}, // ranks 1, 3.5, 3.5, 2, 5 -> (r - 1) / 4
        ScoreEnsemble.normalise(new float[] {-3f, 2f, 2f, 0f, 9f}, ScoreEnsemble.Normalization.RANK), 1e-12);
    double[] z = ScoreEnsemble.normalise(new float[] {1f, 2f, 3f}, ScoreEnsemble.Normalization.ZSCORE);
    assertEquals(0.0, z[1], 1e-12);
    assertEquals(-z[0], z[2], 1e-12);
  }

  @Test
  void theEnsembleOfAMethodWithItselfRanksLikeIt() {
    ScoreEnsemble e = new ScoreEnsemble.Rank();
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
    ScoreEnsemble e = new ScoreEnsemble.Rank();
    var targets = TestTasks.selfTargets(0);
    UserError one = assertThrows(UserError.class,
        () -> e.attribute(TestTasks.task(e, targets, Map.of("members", "pixel"), dir)));
    assertTrue(one.getMessage().contains("at least two"), one.getMessage());
    UserError self = assertThrows(UserError.class,
        () -> e.attribute(TestTasks.task(e, targets, Map.of("members", "pixel,ensemble-rank"), dir)));
    assertTrue(self.getMessage().contains("cannot contain itself"), self.getMessage());
    UserError w = assertThrows(UserError.class,
        () -> e.attribute(TestTasks.task(e, targets, Map.of("members", "pixel,random", "weights", "1"), dir)));
    assertTrue(w.getMessage().contains("one per member"), w.getMessage());
  }

  /**
   * The ensemble's cost is its members' recorded costs plus its own combination: time spent
   * producing the members' scores (here a slow {@code scoresOf}) is not counted again.
   */
  @Test
  void costCountsEachMemberOnceAndTimesOnlyTheCombination() {
    ScoreEnsemble e = new ScoreEnsemble.Rank();
    var targets = TestTasks.selfTargets(0, 1);
    int n = TestTasks.N;
    java.util.function.Function<Float, Scores> synthetic = seed -> {
      float[] v = new float[2 * n];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) Math.sin(seed * 7 + i);
      }
      return new Scores(2, n, v, 5.0, new double[] {1.0, 2.0}, Map.of());
    };
    AttributionTask base = TestTasks.task(e, targets, Map.of("members", "pixel,random"), dir);
    TaskResources slow = new TaskResources() {
      @Override
      public TrainConfig trainConfig() {
        return TestTasks.trainConfig();
      }

      @Override
      public java.util.List<TrainResult.TracInCheckpoint> trainingCheckpoints() {
        return java.util.List.of();
      }

      @Override
      public java.util.List<SubsetModel> subsetModels(int m) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Scores scoresOf(String method) {
        try {
          Thread.sleep(400);
        } catch (InterruptedException ex) {
          throw new IllegalStateException(ex);
        }
        return synthetic.apply(method.equals("pixel") ? 1f : 2f);
      }

      @Override
      public float[] cached(String key, java.util.function.Supplier<float[]> compute) {
        return compute.get();
      }
    };
    AttributionTask task = new AttributionTask(base.spec(), base.weights(), base.train(), base.targets(),
        base.options(), base.seeds(), base.threads(), slow, base.progress(), base.scratch());
    Scores s = e.attribute(task);
    assertEquals(10.0, s.sharedSeconds(), 1e-9, "each member's shared cost once");
    assertTrue(s.perTargetSeconds()[0] >= 2.0 && s.perTargetSeconds()[0] < 2.3, "2 x 1.0 + combination");
    assertTrue(s.perTargetSeconds()[1] >= 4.0 && s.perTargetSeconds()[1] < 4.3, "2 x 2.0 + combination");
    assertEquals(java.util.List.of("pixel", "random"), e.requiredMethods(task.options()), "run as jobs first");
  }
}
