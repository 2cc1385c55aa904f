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
import org.tdabench.benchmark.store.ProducerContext;
import org.tdabench.benchmark.store.Recipe;
import org.tdabench.core.Hashing;
import org.tdabench.core.Progress;
import org.tdabench.methods.api.ImageSet;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.train.Checkpoint;
import org.tdabench.models.train.FleetMember;
import org.tdabench.models.train.FleetOutcome;
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
        Path work = workCheckpoint(ctx, recipe);
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
        write(ctx, req, pc, r);
        Files.deleteIfExists(work);
      });
      ctx.ledger.record(ArtifactLedger.groupOfTraining(req.label()), a);
      return a;
    } catch (IOException e) {
      throw new UncheckedIOException("training " + req.label() + " failed", e);
    }
  }

  /**
   * Trains the requests that the store does not have yet together, as one fleet ({@link
   * FleetTrainer}: a model's bits do not depend on its fleet), then stores each; all requests must
   * share {@code keepCheckpoints}. Fleets above {@code memoryBudget} bytes are split. Unlike {@link
   * #train}, no store lock is held while training (one lock per model would have to be held by one
   * thread for the whole fleet): two processes given the same fleet may both train it, and the
   * second finds the first's artifacts when it stores. Each model resumes from its own work
   * checkpoint, as alone. Returns each request's failure, by index (a diverged model fails alone).
   */
  static Map<Integer, RuntimeException> trainFleet(RunContext ctx, List<TrainRequest> reqs, long memoryBudget) {
    Map<Integer, RuntimeException> failed = new LinkedHashMap<>();
    List<Integer> todo = new ArrayList<>();
    List<FleetMember> members = new ArrayList<>();
    Progress progress = null;
    for (int i = 0; i < reqs.size(); i++) {
      TrainRequest req = reqs.get(i);
      Recipe recipe = recipe(ctx, req);
      java.util.Optional<Artifact> have = ctx.store.find(recipe);
      if (have.isPresent()) {
        ctx.ledger.record(ArtifactLedger.groupOfTraining(req.label()), have.get());
        continue;
      }
      try {
        FleetMember m = new FleetMember(req.label(), ctx.train.subset(req.items()), ctx.validation(),
            ctx.seeds.child(req.seedPath())).withCheckpoint(workCheckpoint(ctx, recipe));
        if (progress == null) {
          // One progress line for the fleet: its members step together.
          progress = JobProgress.tasks().start("train " + req.label() + " (fleet of " + reqs.size() + ")",
              ctx.model.train().maxSteps(), "step", 1);
          m = m.withListener(TrainingListener.reportingTo(progress));
        }
        members.add(m);
        todo.add(i);
      } catch (IOException | RuntimeException e) {
        failed.put(i, e instanceof RuntimeException re ? re : new UncheckedIOException(e.getMessage(), (IOException) e));
      }
    }
    if (todo.isEmpty()) {
      return failed;
    }
    boolean tracin = reqs.get(todo.get(0)).keepCheckpoints();
    FleetTrainer trainer = new FleetTrainer(ctx.model.spec(), ctx.model.train(), ctx.threads())
        .withTracInEvery(tracin ? ctx.preset.tracinEvery() : 0).withMemoryBudget(memoryBudget);
    List<FleetOutcome> outcomes;
    try {
      outcomes = trainer.train(members);
    } finally {
      if (progress != null) {
        progress.close();
      }
    }
    for (int m = 0; m < todo.size(); m++) {
      int i = todo.get(m);
      TrainRequest req = reqs.get(i);
      FleetOutcome o = outcomes.get(m);
      if (o.failed()) {
        failed.put(i, o.failure());
        continue;
      }
      Recipe recipe = recipe(ctx, req);
      try {
        Artifact a = ctx.store.getOrCompute(recipe, pc -> write(ctx, req, pc, o.result()));
        Files.deleteIfExists(workCheckpoint(ctx, recipe));
        ctx.ledger.record(ArtifactLedger.groupOfTraining(req.label()), a);
      } catch (IOException | RuntimeException e) {
        failed.put(i, new UncheckedIOException("training " + req.label() + " failed: " + e.getMessage(),
            e instanceof IOException io ? io : new IOException(e)));
      }
    }
    return failed;
  }

  private static Path workCheckpoint(RunContext ctx, Recipe recipe) throws IOException {
    Path work = ctx.workFolder().resolve(recipe.hash() + ".ckpt");
    Files.createDirectories(work.getParent());
    return work;
  }

  /** A training's artifact files: the best EMA weights, TracIn checkpoints if kept, the log. */
  private static void write(RunContext ctx, TrainRequest req, ProducerContext pc, TrainResult r) throws IOException {
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
