package org.tdabench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.core.SeedTree;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.config.TrainConfig;
import org.tdabench.models.train.FleetMember;
import org.tdabench.models.train.FleetOutcome;
import org.tdabench.models.train.FleetTrainer;
import org.tdabench.models.train.TrainResult;
import org.tdabench.models.train.TrainingData;
import org.tdabench.models.train.TrainingListener;

/**
 * A model trained in a fleet equals, bit for bit, the same model trained alone (a fleet of one):
 * whatever the other members' data sizes, positions, stopping epochs or failures.
 */
class FleetTrainerTest {
  static final ModelPreset TINY = TinyModels.tiny();

  /** Tiny, shortened: three epochs of eight steps. */
  static TrainConfig cfg() {
    return TINY.train().withStepsPerEpoch(8).withMaxEpochs(3);
  }

  static FleetMember member(String label, int n, long dataSeed, long seed) {
    TrainingData data = TrainerTest.handful(n, dataSeed);
    return new FleetMember(label, data, data, SeedTree.root(seed).child("model", 1));
  }

  static List<FleetOutcome> train(TrainConfig cfg, List<FleetMember> members) {
    return new FleetTrainer(TINY.spec(), cfg, 1).train(members);
  }

  static void assertSameModel(TrainResult alone, TrainResult inFleet) {
    assertEquals(alone.bestEma().sha256(), inFleet.bestEma().sha256());
    assertEquals(alone.bestEpoch(), inFleet.bestEpoch());
    assertEquals(alone.bestValidationLoss(), inFleet.bestValidationLoss());
    assertEquals(alone.steps(), inFleet.steps());
    assertEquals(alone.stopReason(), inFleet.stopReason());
    assertEquals(withoutSeconds(alone), withoutSeconds(inFleet));
  }

  static List<TrainResult.EpochLog> withoutSeconds(TrainResult r) {
    return r.history().stream()
        .map(l -> new TrainResult.EpochLog(l.epoch(), l.trainLoss(), l.validationLoss(), l.lr(), 0)).toList();
  }

  @Test
  void aModelTrainedInAFleetEqualsItTrainedAlone() {
    // Different training-set sizes (different passes per epoch) and seeds.
    FleetMember a = member("a", 16, 1, 11);
    FleetMember b = member("b", 24, 2, 12);
    FleetMember c = member("c", 12, 3, 13);
    List<FleetOutcome> fleet = train(cfg(), List.of(a, b, c));
    assertSameModel(train(cfg(), List.of(a)).get(0).orThrow(), fleet.get(0).orThrow());
    assertSameModel(train(cfg(), List.of(c)).get(0).orThrow(), fleet.get(2).orThrow());
    assertNotEquals(fleet.get(0).orThrow().bestEma().sha256(), fleet.get(1).orThrow().bestEma().sha256());
  }

  @Test
  void stoppingAndFailingMembersLeaveTheOthersAsTheirSoloRuns() {
    // Patience 1 on noise images: the stopper stops at its first epoch without improvement, while
    // the member on smooth images improves every epoch.
    TrainConfig cfg = new TrainConfig(8, 2e-3, 0.01, 0.9, 0.999, 1e-8, 8, 5, 2, 1, 0.9, 0.12, 16);
    int d = TINY.spec().imageSize();
    int cd = TINY.spec().condDim();
    TrainingData noise = TrainingData.ofArrays(TinyModels.uniformImages(16, d, 5), TinyModels.oneHot(16, cd), d, cd,
        null);
    TrainingData noiseVal = TrainingData.ofArrays(TinyModels.uniformImages(16, d, 6), TinyModels.oneHot(16, cd), d,
        cd, null);
    FleetMember stopper = new FleetMember("stopper", noise, noiseVal, SeedTree.root(3));
    float[] x = new float[16 * d];
    x[5] = Float.NaN;
    TrainingData bad = TrainingData.ofArrays(x, TinyModels.oneHot(16, cd), d, cd, null);
    FleetMember nan = new FleetMember("recipe-nan", bad, bad, SeedTree.root(1));
    FleetMember tooSmall = member("recipe-small", 3, 4, 2);
    FleetMember a = member("a", 16, 1, 11);
    List<FleetOutcome> fleet = train(cfg, List.of(nan, a, stopper, tooSmall));

    TrainResult full = fleet.get(1).orThrow();
    TrainResult s = fleet.get(2).orThrow();
    assertTrue(s.epochs() < full.epochs(), "the stopper stopped early: " + s.epochs() + " vs " + full.epochs());
    assertTrue(s.stopReason().startsWith("no improvement"), s.stopReason());
    assertSameModel(train(cfg, List.of(stopper)).get(0).orThrow(), s);
    assertSameModel(train(cfg, List.of(a)).get(0).orThrow(), full);

    assertTrue(fleet.get(0).failed());
    assertNull(fleet.get(0).result());
    assertTrue(fleet.get(0).failure().getMessage().startsWith("training diverged: recipe-nan:"),
        fleet.get(0).failure().getMessage());
    assertTrue(fleet.get(3).failure().getMessage().contains("recipe-small"), fleet.get(3).failure().getMessage());
  }

  @Test
  void aKilledFleetResumesEachMemberBitIdentically(@TempDir Path dir) {
    TrainConfig cfg = cfg();
    FleetMember a = member("a", 16, 1, 11).withCheckpoint(dir.resolve("a.ckpt"));
    FleetMember b = member("b", 24, 2, 12).withCheckpoint(dir.resolve("b.ckpt"));
    FleetTrainer trainer = new FleetTrainer(TINY.spec(), cfg, 1).withTracInEvery(1);
    List<FleetOutcome> full = new FleetTrainer(TINY.spec(), cfg, 1).withTracInEvery(1)
        .train(List.of(member("a", 16, 1, 11), member("b", 24, 2, 12)));
    long killAt = cfg.stepsPerEpoch() + 3;
    TrainingListener killer = new TrainingListener() {
      @Override
      public void onStep(long step, long maxSteps, double loss) {
        if (step == killAt) {
          throw new IllegalStateException("simulated kill");
        }
      }
    };
    assertThrows(IllegalStateException.class, () -> trainer.train(List.of(a, b.withListener(killer))));
    assertTrue(Files.exists(dir.resolve("a.ckpt")) && Files.exists(dir.resolve("b.ckpt")));
    // Resume in another fleet layout: b alone first, then a in a fleet with a fresh member.
    TrainResult rb = trainer.train(List.of(b)).get(0).orThrow();
    List<FleetOutcome> ra = trainer.train(List.of(member("c", 12, 3, 13), a));
    assertSameModel(full.get(1).orThrow(), rb);
    assertSameModel(full.get(0).orThrow(), ra.get(1).orThrow());
    assertEquals(full.get(1).orThrow().tracin().get(2).weights().sha256(), rb.tracin().get(2).weights().sha256());
  }
}
