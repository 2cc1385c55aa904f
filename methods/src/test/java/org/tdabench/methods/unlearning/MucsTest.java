package org.tdabench.methods.unlearning;

import org.tdabench.models.TinyModels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.stream.IntStream;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.core.SeedTree;
import org.tdabench.core.UserError;
import org.tdabench.methods.TestTasks;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.Methods;
import org.tdabench.methods.api.Scores;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.FineTuneSpec;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.nn.ParamSubsets;

@Tag("numerics")
class MucsTest {
  @TempDir
  Path dir;

  /** Fixture-sized options: 8 probes, unlearning batches of 8 retain images + 8 target copies. */
  static Map<String, String> small(String... more) {
    Map<String, String> o = new HashMap<>(Map.of("num_noises", "8", "step_cap", "40", "eval_batch", "64"));
    for (int i = 0; i < more.length; i += 2) {
      o.put(more[i], more[i + 1]);
    }
    return o;
  }

  private Scores run(Map<String, String> options, int... rows) {
    Mucs m = new Mucs();
    return m.attribute(TestTasks.task(m, TestTasks.selfTargets(rows), options, dir));
  }

  @Test
  void registeredWithTheReferenceDefaults() {
    List<String> names = Methods.installed().stream().map(AttributionMethod::name).toList();
    assertTrue(names.containsAll(List.of("mucs", "abu")), names.toString());
    MucsConfig c = MucsConfig.from(new org.tdabench.methods.api.MethodOptions("mucs", MucsConfig.schema(), Map.of()));
    assertEquals(100, c.numNoises());
    assertEquals(100, c.batch());
    assertEquals(0.2, c.lamb());
    assertEquals(0.05, c.tolerance());
    assertEquals(0.7, c.tSchedInfer());
    assertTrue(c.autoLossNull());
    UserError e = assertThrows(UserError.class, () -> run(small("batch_size", "25"), 0));
    assertTrue(e.getMessage().contains("mucs.batch_size"), e.getMessage());
  }

  @Test
  void zeroUnlearningStepsGiveExactlyZeroScores() {
    Scores s = run(small("step_cap", "0"), 3, 9);
    for (float v : s.values()) {
      assertEquals(0f, v);
    }
    assertEquals(List.of(0, 0), s.metadata().get("steps_to_stop"));
    // Nothing was unlearned: only the original model's sweep ran, the two targets' were skipped.
    assertEquals(2, s.metadata().get("sweeps_skipped"));
    assertEquals((long) s.train() * 8, ((Number) s.metadata().get("sweep_forward_passes")).longValue());
    Scores moved = run(small("loss_null", "1e6", "step_cap", "1"), 3);
    assertEquals(0, moved.metadata().get("sweeps_skipped"));
    assertEquals((long) moved.train() * 8 * 2, ((Number) moved.metadata().get("sweep_forward_passes")).longValue());
    assertTrue(IntStream.range(0, moved.train()).anyMatch(j -> moved.get(0, j) != 0f), "one step moves scores");
  }

  @Test
  void stopRuleFiresBeforeTheFirstStepWhenTheTargetIsAlreadyAtLNull() {
    // With L_null far below every loss, min(l_target, L_null) = L_null for every draw.
    Scores s = run(small("loss_null", "1e-6"), 4);
    assertEquals(List.of(0), s.metadata().get("steps_to_stop"));
    assertEquals(List.of("rule"), s.metadata().get("stopped_by"));
    for (float v : s.values()) {
      assertEquals(0f, v);
    }
    // Never reachable: the cap ends it.
    Scores capped = run(small("loss_null", "1e6", "step_cap", "3"), 4);
    assertEquals(List.of(3), capped.metadata().get("steps_to_stop"));
    assertEquals(List.of("cap"), capped.metadata().get("stopped_by"));
  }

  @Test
  void fixedStepsTurnTheRuleOffAsTheReferencesMaxSteps() {
    // The rule would fire before the first step (L_null far below every loss); the reference's
    // max_steps = 2 (here fixed_steps) runs exactly two steps regardless, and the cap is ours.
    Scores s = run(small("loss_null", "1e-6", "fixed_steps", "2"), 4);
    assertEquals(List.of(2), s.metadata().get("steps_to_stop"));
    assertEquals(List.of("fixed"), s.metadata().get("stopped_by"));
    UserError old = assertThrows(UserError.class, () -> run(small("max_steps", "2"), 4));
    assertTrue(old.getMessage().contains("step_cap") && old.getMessage().contains("fixed_steps"), old.getMessage());
  }

  @Test
  void probesFollowTheModelsSampler() {
    // The reference reads sigma_min/sigma_max/rho from the sampler config: a sampler up to 20
    // puts the first probe at 20, not at the reference's 80.
    Mucs m = new Mucs();
    var t = TestTasks.task(m, TestTasks.selfTargets(4), small("step_cap", "0"), dir);
    var sm = t.spec().sampler();
    var spec = new org.tdabench.models.ModelSpec(t.spec().arch(), t.spec().edm(),
        new org.tdabench.models.config.SamplerConfig(sm.steps(), sm.sigmaMin(), 20, sm.rho(), sm.cfg()));
    Scores s = m.attribute(new org.tdabench.methods.api.AttributionTask(spec, t.weights(), t.train(), t.targets(),
        t.options(), t.seeds(), t.threads(), t.resources(), t.progress(), t.scratch()));
    assertEquals(20.0, (double) s.metadata().get("probe_sigma_max"), 1e-4);
  }

  @Test
  void stopRuleOnConstructedLosses() {
    float[] l = {5f, 5f, 0.5f, 2.0f, 1.0f, 0.9f};
    // Target rows 2..5 clamped at 1: (0.5 + 1 + 1 + 0.9) / 4 = 0.85.
    assertEquals(0.85, MirroredUnlearning.clampedMean(l, 2, 4, 1.0), 1e-7);
    assertFalse(MirroredUnlearning.unlearned(0.85, 1.0, 0.05));
    assertTrue(MirroredUnlearning.unlearned(0.95, 1.0, 0.05));
    assertTrue(MirroredUnlearning.unlearned(0.85, 1.0, 0.15));
  }

  @Test
  void frozenParametersStayBitIdenticalAndTrainableOnesMove() {
    var spec = TestTasks.spec();
    ModelWeights w = TestTasks.weights();
    try (DitEdmModel m = DitEdmModel.of(spec, w, TinyModels.threads())) {
      List<String> trainable = ParamSubsets.mlpWeights(m.params());
      var tuner = m.fineTuner(FineTuneSpec.adamW(trainable, 16, 5e-4, 0.01));
      MirroredUnlearning u = new MirroredUnlearning(tuner, TestTasks.trainSet(), 8, 0.2, 1e6, 0.05, 4, 0);
      var target = TestTasks.selfTargets(7);
      MirroredUnlearning.Outcome o = u.run(target.images(), target.conds(), SeedTree.root(5));
      assertEquals(4, o.steps());
      ModelWeights after = m.weights();
      for (String name : w.names()) {
        boolean same = Arrays.equals(w.get(name), after.get(name));
        assertEquals(!trainable.contains(name), same, name + (same ? " did not move" : " moved"));
      }
      assertTrue(trainable.stream().noneMatch(n -> n.contains("bias")));
    }
  }

  @Test
  void selfRetrievalScoresInRangeAndCachedRerunsAreIdentical() {
    int[] rows = {0, 3, 5, 9, 13, 17, 22, 23};
    Mucs m = new Mucs();
    // 150 steps at lr / 10: the fixture's stop rule is far away, the cap ends every target.
    AttributionTask task = TestTasks.task(m, TestTasks.selfTargets(rows), small("step_cap", "150"), dir);
    Scores s = m.attribute(task);
    for (float v : s.values()) {
      assertTrue(v > -1 && v < 1, "score " + v);
    }
    // Properties with margins, not one float path's ranks (ISA caps and thread counts move single
    // ranks by several places): every target forgets itself and ranks itself in the top half of the
    // 24 training images, and the mean rank is far below chance (11.5).
    int[] ranks = new int[rows.length];
    for (int t = 0; t < rows.length; t++) {
      assertTrue(s.get(t, rows[t]) > 0, "the target itself must be forgotten");
      ranks[t] = TestTasks.rank(s, t, rows[t]);
    }
    System.out.println("mucs self ranks " + Arrays.toString(ranks));
    for (int t = 0; t < rows.length; t++) {
      assertTrue(ranks[t] < TestTasks.N / 2, "target " + rows[t] + " ranks itself " + ranks[t] + ": "
          + Arrays.toString(ranks));
    }
    assertTrue(Arrays.stream(ranks).average().orElse(99) < 4, "mean self rank " + Arrays.toString(ranks));
    assertEquals(false, s.metadata().get("original_losses_cached"));
    Scores again = m.attribute(task);
    assertEquals(true, again.metadata().get("original_losses_cached"));
    assertArrayEquals(s.values(), again.values());
  }
}
