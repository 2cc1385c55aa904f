package org.tdabench.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.benchmark.store.Artifact;
import org.tdabench.models.DitEdmModel;

class TargetStageTest {
  @TempDir
  Path dir;

  @Test
  void generatedTargetsAreTheSamplersRawOutput() {
    // The MUCS reference attributes the raw Heun output (generate.py saves it unclamped).
    RunConfig cfg = new RunConfig("tiny", null, List.of("pixel"), 0, dir.resolve("cache"), dir.resolve("out"),
        Map.of(), 1);
    RunContext ctx = RunContext.open(cfg);
    Artifact model = TrainStage.train(ctx, TargetStage.mainModel(ctx, 0));
    long[] noise = {11, 12, 13, 14};
    int cd = ctx.model.spec().condDim();
    float[] conds = cd == 0 ? null : new float[noise.length * cd];
    for (int i = 0; conds != null && i < noise.length; i++) {
      conds[i * cd + i % cd] = 1f;
    }
    float[] x = TargetStage.generate(ctx, model, noise, conds, ArtifactLedger.SHARED);
    float[] raw;
    try (DitEdmModel m = DitEdmModel.create(ctx.model.spec(), ctx.threads())) {
      m.load(TrainStage.ema(model));
      raw = m.sample(m.initialNoise(noise), conds, noise.length, ctx.model.sampler());
    }
    float max = 0;
    for (float v : raw) {
      max = Math.max(max, Math.abs(v));
    }
    assertTrue(max > 1, "this tiny model overshoots [-1, 1] (max |x| = " + max + "), so a clamp would show");
    assertArrayEquals(raw, x);
  }

  @Test
  void noValTargetIsInTheEarlyStoppingSet() {
    RunConfig cfg = new RunConfig("tiny", null, List.of("pixel"), 0, dir.resolve("cache"), dir.resolve("out"),
        Map.of(), 1);
    RunContext ctx = RunContext.open(cfg);
    TargetStage.Picks picks = TargetStage.picks(ctx, 0);
    java.util.Set<Long> valIds = new java.util.HashSet<>();
    for (int i : picks.valItems()) {
      valIds.add(ctx.test.id(i));
    }
    assertEquals(ctx.preset.valTargets(), valIds.size());
    var validation = ctx.validation();
    assertEquals(ctx.test.size() - valIds.size(), validation.size());
    for (int i = 0; i < validation.size(); i++) {
      assertFalse(valIds.contains(validation.id(i)), "val target " + validation.id(i) + " steers early stopping");
    }
  }
}
