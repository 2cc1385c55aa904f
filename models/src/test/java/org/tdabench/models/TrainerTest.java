package org.tdabench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.core.SeedTree;
import org.tdabench.core.UserError;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.config.TrainConfig;
import org.tdabench.models.train.TrainResult;
import org.tdabench.models.train.Trainer;
import org.tdabench.models.train.TrainingData;
import org.tdabench.models.train.TrainingDivergedException;
import org.tdabench.models.train.TrainingListener;

@Tag("numerics")
class TrainerTest {
  static final ModelPreset TINY = TinyModels.tiny();

  static TrainingData handful(int n, long seed) {
    int d = TINY.spec().imageSize();
    int cd = TINY.spec().condDim();
    // Smooth images (low frequency) so a tiny model can fit them.
    float[] x = new float[n * d];
    org.tdabench.core.CounterRng r = new org.tdabench.core.CounterRng(seed);
    for (int i = 0; i < n; i++) {
      double a = r.nextDouble() * 2 - 1;
      double b = r.nextDouble() * 2 - 1;
      double c = r.nextDouble() * 2 - 1;
      for (int p = 0; p < d; p++) {
        int ch = p % 3;
        int col = (p / 3) % 8;
        int row = p / 24;
        double v = ch == 0 ? a : ch == 1 ? b * (col - 3.5) / 3.5 : c * (row - 3.5) / 3.5;
        x[i * d + p] = (float) (0.8 * v);
      }
    }
    return TrainingData.ofArrays(x, TinyModels.oneHot(n, cd), d, cd, null);
  }

  static TrainConfig quick(int epochs) {
    return TINY.train().withMaxEpochs(epochs).withAugmentProb(0.0);
  }

  @Test
  void tinyModelOverfitsAHandfulOfImages() {
    // Four images, no dropout: the ideal (memorising) denoiser of these images has loss ~0.02,
    // a zero-output network ~0.92. The model leaves a plateau near 0.3 once it tells the images
    // apart, then falls well below it.
    TrainingData data = handful(4, 1);
    var arch = TINY.arch();
    var noDropout = new org.tdabench.models.config.DitEdmConfig(arch.imageChannels(), arch.imageHeight(),
        arch.imageWidth(), arch.condDim(), arch.frontendChannels(), arch.frontendResample(),
        arch.frontendKernel(), arch.lastFactor(), arch.patch(), arch.extraTokens(), arch.width(),
        arch.depth(), arch.heads(), arch.mlpRatio(), 0.0, arch.condWidth(), arch.fourierFeatures());
    TrainConfig cfg = new TrainConfig(4, 5e-3, 0.01, 0.9, 0.999, 1e-8, 100, 8, 1, 100, 0.9, 0, 0);
    TrainResult r = new Trainer(new ModelSpec(noDropout, TINY.edm(), TINY.sampler()), cfg, 1)
        .train(data, data, SeedTree.root(5));
    double first = r.history().get(0).validationLoss();
    assertTrue(first > 0.85, "the first epoch is still near the zero-output loss: " + first);
    assertTrue(r.bestValidationLoss() < 0.15, "best validation loss " + r.bestValidationLoss());
    assertEquals(800, r.steps());
  }

  @Test
  void everyTrainingAccessReadsTheDatasPerAccessViewWithItsOwnSeed() {
    // COCO's reference view (random crop and caption) is drawn per access: the trainer must ask the
    // data for that view with a seed of its own per (step, slot), the same in every run.
    TrainingData base = handful(8, 4);
    java.util.List<Long> seen = new java.util.ArrayList<>();
    TrainingData recording = new TrainingData() {
      @Override
      public int size() {
        return base.size();
      }

      @Override
      public long id(int i) {
        return base.id(i);
      }

      @Override
      public void image(int i, float[] out, int offset) {
        base.image(i, out, offset);
      }

      @Override
      public void cond(int i, float[] out, int offset) {
        base.cond(i, out, offset);
      }

      @Override
      public void trainingSample(int i, long access, float[] image, int imageOffset, float[] cond, int condOffset) {
        seen.add(access);
        base.trainingSample(i, access, image, imageOffset, cond, condOffset);
      }
    };
    TrainConfig cfg = quick(1);
    new Trainer(TINY.spec(), cfg, 1).train(recording, base, SeedTree.root(3));
    java.util.List<Long> first = java.util.List.copyOf(seen);
    assertEquals(cfg.stepsPerEpoch() * cfg.batchSize(), first.size(), "one view per training access");
    assertEquals(first.size(), new java.util.HashSet<>(first).size(), "a seed of its own per access");
    seen.clear();
    new Trainer(TINY.spec(), cfg, 1).train(recording, base, SeedTree.root(3));
    assertEquals(first, seen, "the same seeds in every run");
  }

  @Test
  void oneSeedIsBitIdenticalAndAnotherDiffers() {
    TrainingData data = handful(16, 2);
    TrainConfig cfg = TINY.train().withMaxEpochs(2);
    TrainResult a = new Trainer(TINY.spec(), cfg, TinyModels.threads()).train(data, data, SeedTree.root(9));
    TrainResult b = new Trainer(TINY.spec(), cfg, TinyModels.threads()).train(data, data, SeedTree.root(9));
    TrainResult c = new Trainer(TINY.spec(), cfg, TinyModels.threads()).train(data, data, SeedTree.root(10));
    assertEquals(a.bestEma().sha256(), b.bestEma().sha256());
    assertEquals(a.history().get(1).trainLoss(), b.history().get(1).trainLoss());
    assertEquals(a.bestValidationLoss(), b.bestValidationLoss());
    assertNotEquals(a.bestEma().sha256(), c.bestEma().sha256());
  }

  @Test
  void resumingFromACheckpointIsBitIdentical(@TempDir Path dir) {
    TrainingData data = handful(16, 3);
    TrainConfig cfg = TINY.train().withMaxEpochs(4);
    SeedTree seeds = SeedTree.root(21);
    TrainResult full = new Trainer(TINY.spec(), cfg, TinyModels.threads()).withTracInEvery(1).train(data, data, seeds);

    Path ckpt = dir.resolve("run.ckpt");
    long killAt = 2L * cfg.stepsPerEpoch() + 7; // mid-way through the third epoch
    TrainingListener killer = new TrainingListener() {
      @Override
      public void onStep(long step, long maxSteps, double loss) {
        if (step == killAt) {
          throw new IllegalStateException("simulated kill");
        }
      }
    };
    assertThrows(IllegalStateException.class,
        () -> new Trainer(TINY.spec(), cfg, TinyModels.threads()).withTracInEvery(1).withCheckpoint(ckpt).withListener(killer)
            .train(data, data, seeds));
    assertTrue(Files.exists(ckpt));
    java.util.List<Long> reported = new java.util.ArrayList<>();
    long[] max = {0};
    org.tdabench.core.Progress progress = new org.tdabench.core.Progress() {
      @Override
      public void step(long n) {
        throw new AssertionError("training reports positions");
      }

      @Override
      public void stepTo(long position) {
        reported.add(position);
      }

      @Override
      public void maxHint(long m) {
        max[0] = m;
      }

      @Override
      public void close() {}
    };
    TrainResult resumed = new Trainer(TINY.spec(), cfg, TinyModels.threads()).withTracInEvery(1).withCheckpoint(ckpt)
        .withListener(TrainingListener.reportingTo(progress)).train(data, data, seeds);
    // progress resumes where the checkpoint (end of the second epoch) left off, one report per step
    assertEquals(2L * cfg.stepsPerEpoch() + 1, reported.get(0));
    assertEquals(resumed.steps(), reported.get(reported.size() - 1));
    assertEquals(resumed.steps() - 2L * cfg.stepsPerEpoch(), reported.size());
    assertEquals(cfg.maxSteps(), max[0]);
    assertEquals(full.bestEma().sha256(), resumed.bestEma().sha256());
    assertEquals(full.steps(), resumed.steps());
    assertEquals(full.history(), resumed.history().stream()
        .map(l -> new TrainResult.EpochLog(l.epoch(), l.trainLoss(), l.validationLoss(), l.lr(),
            full.history().get(l.epoch()).seconds()))
        .toList());
    assertEquals(full.tracin().size(), resumed.tracin().size());
    assertEquals(full.tracin().get(3).weights().sha256(), resumed.tracin().get(3).weights().sha256());
  }

  @Test
  void corruptCheckpointIsAOneLineError(@TempDir Path dir) throws Exception {
    TrainingData data = handful(16, 4);
    TrainConfig cfg = TINY.train().withMaxEpochs(1);
    Path ckpt = dir.resolve("c.ckpt");
    new Trainer(TINY.spec(), cfg, TinyModels.threads()).withCheckpoint(ckpt).train(data, data, SeedTree.root(1));
    byte[] bytes = Files.readAllBytes(ckpt);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(ckpt, bytes);
    UserError e = assertThrows(UserError.class,
        () -> new Trainer(TINY.spec(), cfg, TinyModels.threads()).withCheckpoint(ckpt).train(data, data, SeedTree.root(1)));
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
    Files.write(ckpt, java.util.Arrays.copyOf(bytes, 100));
    UserError t = assertThrows(UserError.class,
        () -> new Trainer(TINY.spec(), cfg, TinyModels.threads()).withCheckpoint(ckpt).train(data, data, SeedTree.root(1)));
    assertTrue(t.getMessage().contains("truncated") || t.getMessage().contains("corrupt"), t.getMessage());
  }

  @Test
  void nanLossStopsTrainingWithAClearError() {
    int d = TINY.spec().imageSize();
    int cd = TINY.spec().condDim();
    float[] x = new float[16 * d];
    x[5] = Float.NaN;
    TrainingData bad = TrainingData.ofArrays(x, TinyModels.oneHot(16, cd), d, cd, null);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> new Trainer(TINY.spec(), quick(1), TinyModels.threads()).train(bad, bad, SeedTree.root(1)));
    assertTrue(e.getMessage().startsWith("training diverged"), e.getMessage());
  }

  @Test
  void tooFewImagesForABatchIsAUserError() {
    TrainingData data = handful(3, 4);
    UserError e = assertThrows(UserError.class,
        () -> new Trainer(TINY.spec(), quick(1), TinyModels.threads()).train(data, data, SeedTree.root(1)));
    assertTrue(e.getMessage().contains("batch size"), e.getMessage());
  }
}
