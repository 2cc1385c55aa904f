package org.tdabench.benchmark.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.benchmark.store.Artifact;
import org.tdabench.benchmark.store.Recipe;
import org.tdabench.core.Hashing;
import org.tdabench.core.Progress;
import org.tdabench.methods.api.ImageSet;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.train.Checkpoint;
import org.tdabench.models.train.FleetTrainer;
import org.tdabench.models.train.TrainResult;
import org.tdabench.models.train.Trainer;
import org.tdabench.models.train.TrainingListener;

/**
 * Trains models through the store: the artifact of a training is keyed by the model preset, the
 * data, the exact training items, the seed path and the thread count (which changes the bits), and
 * holds the best epoch's EMA weights ({@code ema.ckpt}), optional training checkpoints
 * ({@code checkpoints.ckpt}) and the training log (sidecar notes). An interrupted training resumes
 * from its work checkpoint bit-identically.
 */
final class TrainStage {
  /** 2: the early-stopping set leaves out the val targets (version 1 validated on them). */
  static final String VERSION = "2";

  private TrainStage() {}

  static Recipe recipe(RunContext ctx, TrainRequest req) {
    return ctx.recipe("model", "models.trainer", VERSION)
        .withConfigObject("arch", ctx.model.arch())
        .withConfigObject("edm", ctx.model.edm())
        .withConfigObject("train", ctx.model.train())
        .withConfig("layout", FleetTrainer.LAYOUT)
        .withConfig("items", itemsHash(req.items()))
        .withConfig("itemCount", req.items().length)
        .withConfig("checkpointEvery", req.keepCheckpoints() ? ctx.preset.tracinEvery() : 0)
        .withSeed("root", ctx.config.seed())
        .withSeed("path", req.seedPath())
        .withInput("data", Hashing.sha256Hex(ctx.dataId));
  }

  static String itemsHash(int[] items) {
    ByteBuffer b = ByteBuffer.allocate(items.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(items);
    return Hashing.sha256Hex(b.array());
  }

  /** The trained artifact (computed unless the store has it). */
  static Artifact train(RunContext ctx, TrainRequest req) {
    Recipe recipe = recipe(ctx, req);
    try {
      Artifact a = ctx.store.getOrCompute(recipe, pc -> {
        Path work = ctx.workFolder().resolve(recipe.hash() + ".ckpt");
        Files.createDirectories(work.getParent());
        ImageSet items = ctx.train.subset(req.items());
        Trainer trainer = new Trainer(ctx.model.spec(), ctx.model.train(), ctx.threads()).withCheckpoint(work);
        if (req.keepCheckpoints()) {
          trainer.withTracInEvery(ctx.preset.tracinEvery());
        }
        TrainResult r;
        try (Progress progress = JobProgress.tasks().start("train " + req.label(), ctx.model.train().maxSteps(),
            "step", 1)) {
          r = trainer.withListener(TrainingListener.reportingTo(progress))
              .train(items, ctx.validation(), ctx.seeds.child(req.seedPath()));
        }
        new Checkpoint(Map.of("bestEpoch", r.bestEpoch(), "bestValidationLoss", r.bestValidationLoss()),
            Map.of("ema", r.bestEma().tensors())).save(pc.folder().resolve("ema.ckpt"));
        if (req.keepCheckpoints()) {
          saveCheckpoints(pc.folder().resolve("checkpoints.ckpt"), r.tracin());
        }
        List<Map<String, Object>> hist = new ArrayList<>();
        for (TrainResult.EpochLog l : r.history()) {
          hist.add(Map.of("epoch", l.epoch(), "trainLoss", l.trainLoss(), "validationLoss", l.validationLoss(),
              "lr", l.lr()));
        }
        pc.threads(ctx.threads()).timing("train", r.seconds())
            .note("label", req.label()).note("steps", r.steps()).note("epochs", r.epochs())
            .note("bestEpoch", r.bestEpoch()).note("bestValidationLoss", r.bestValidationLoss())
            .note("stopReason", r.stopReason()).note("history", hist);
        Files.deleteIfExists(work);
      });
      ctx.ledger.record(ArtifactLedger.groupOfTraining(req.label()), a);
      return a;
    } catch (IOException e) {
      throw new UncheckedIOException("training " + req.label() + " failed", e);
    }
  }

  static ModelWeights ema(Artifact a) {
    return new ModelWeights(Checkpoint.load(a.file("ema.ckpt")).group("ema"));
  }

  private static void saveCheckpoints(Path file, List<TrainResult.TracInCheckpoint> cps) throws IOException {
    Map<String, Object> header = new LinkedHashMap<>();
    List<Map<String, Object>> list = new ArrayList<>();
    Map<String, Map<String, float[]>> groups = new LinkedHashMap<>();
    for (int i = 0; i < cps.size(); i++) {
      TrainResult.TracInCheckpoint c = cps.get(i);
      list.add(Map.of("epoch", c.epoch(), "step", c.step(), "lr", c.lr()));
      groups.put("weights_" + i, c.weights().tensors());
      groups.put("sigma_" + i, Map.of("lastSigma", c.lastSigma()));
    }
    header.put("checkpoints", list);
    new Checkpoint(header, groups).save(file);
  }

  /**
   * The training checkpoints of {@code a} up to its best epoch, the epoch whose EMA weights are the
   * attributed model ({@link TrainResult#upToEpoch}).
   */
  @SuppressWarnings("unchecked")
  static List<TrainResult.TracInCheckpoint> checkpoints(Artifact a) {
    Path f = a.file("checkpoints.ckpt");
    if (!Files.exists(f)) {
      return List.of();
    }
    Checkpoint c = Checkpoint.load(f);
    List<TrainResult.TracInCheckpoint> out = new ArrayList<>();
    List<Map<String, Object>> list = (List<Map<String, Object>>) c.header().get("checkpoints");
    for (int i = 0; i < list.size(); i++) {
      Map<String, Object> m = list.get(i);
      out.add(new TrainResult.TracInCheckpoint(((Number) m.get("epoch")).intValue(), ((Number) m.get("step")).longValue(),
          ((Number) m.get("lr")).doubleValue(), new ModelWeights(c.group("weights_" + i)),
          c.group("sigma_" + i).get("lastSigma")));
    }
    int best = ((Number) Checkpoint.load(a.file("ema.ckpt")).header().get("bestEpoch")).intValue();
    return TrainResult.upToEpoch(out, best);
  }
}
