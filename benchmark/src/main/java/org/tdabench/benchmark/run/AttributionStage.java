package org.tdabench.benchmark.run;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.tdabench.benchmark.store.Artifact;
import org.tdabench.benchmark.store.Json;
import org.tdabench.benchmark.store.Recipe;
import org.tdabench.core.AtomicFiles;
import org.tdabench.core.Hashing;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.methods.api.Methods;
import org.tdabench.methods.api.ProgressSink;
import org.tdabench.methods.api.Scores;

/**
 * Runs one method on one seed's model and targets, through the store: the scores artifact is keyed
 * by the method's name, version and every option value that ran, the model, the targets and the
 * seed, and holds the score matrix ({@code scores.npy}, T x N), any hyper-parameter candidates and
 * the method's metadata and timings.
 */
final class AttributionStage {
  static final String VERSION = "1";

  private AttributionStage() {}

  /** The option values this run gives {@code method}: defaults, then the preset's, then the user's. */
  static MethodOptions options(RunContext ctx, AttributionMethod method) {
    return options(ctx.preset, ctx.config, method);
  }

  static MethodOptions options(BenchmarkPreset preset, RunConfig config, AttributionMethod method) {
    Map<String, String> o = new TreeMap<>(preset.optionsFor(method.name()));
    o.putAll(config.methodOptions().getOrDefault(method.name(), Map.of()));
    return new MethodOptions(method.name(), method.options(), o);
  }

  static Recipe recipe(RunContext ctx, AttributionMethod method, int seed, Artifact model, TargetSet targets) {
    return ctx.recipe("scores", "methods." + method.name(), method.version())
        .withConfig("options", options(ctx, method).values())
        
        .withConfig("targets", targetsHash(targets))
        .withSeed("root", ctx.config.seed())
        .withSeed("path", "method/" + method.name() + "/seed/" + seed)
        .withInput("model", model.hash())
        .withInput("data", Hashing.sha256Hex(ctx.dataId));
  }

  static String targetsHash(TargetSet t) {
    StringBuilder sb = new StringBuilder();
    t.attributed().info().forEach(i -> sb.append(i).append(';'));
    return Hashing.sha256Hex(sb + Hashing.sha256Hex(TargetStage.floatsHash(t.attributed().images())));
  }

  /** Why the method cannot run on this task, if it cannot. */
  static Optional<String> unavailable(RunContext ctx, AttributionMethod method, int seed) {
    TargetSet targets = TargetStage.targets(ctx, seed);
    return method.unavailableReason(task(ctx, method, seed, TrainStage.train(ctx, TargetStage.mainModel(ctx, seed)),
        targets, null, ProgressSink.NONE));
  }

  /** The scores of {@code methodName} for seed {@code seed} (computed unless stored). */
  static Scores scores(RunContext ctx, String methodName, int seed) {
    AttributionMethod method = Methods.get(methodName);
    Artifact model = TrainStage.train(ctx, TargetStage.mainModel(ctx, seed));
    TargetSet targets = TargetStage.targets(ctx, seed);
    Recipe r = recipe(ctx, method, seed, model, targets);
    try {
      Artifact a = ctx.store.getOrCompute(r, pc -> {
        Path scratch = ctx.store.scratchFolder(method.name());
        try (ProgressSink.Tasks progress = ProgressSink.reportingTo(JobProgress.tasks(), method.name())) {
          AttributionTask task = task(ctx, method, seed, model, targets, scratch, progress);
          Optional<String> why = method.unavailableReason(task);
          if (why.isPresent()) {
            throw new IllegalStateException("method " + method.name() + " is unavailable: " + why.get());
          }
          Scores s = method.attribute(task);
          write(pc.folder(), s);
          pc.threads(ctx.threads()).timing("shared", s.sharedSeconds())
              .timing("amortised_per_target", s.amortisedSecondsPerTarget())
              .note("options", options(ctx, method).values());
        } finally {
          AtomicFiles.deleteRecursively(scratch);
        }
      });
      ctx.ledger.record(ArtifactLedger.method(methodName), a);
      return read(a.folder());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The recipe hash of the stored scores (for the leaderboard's traceability column). */
  static String hash(RunContext ctx, String methodName, int seed) {
    AttributionMethod method = Methods.get(methodName);
    return recipe(ctx, method, seed, TrainStage.train(ctx, TargetStage.mainModel(ctx, seed)),
        TargetStage.targets(ctx, seed)).hash();
  }

  private static AttributionTask task(RunContext ctx, AttributionMethod method, int seed, Artifact model,
      TargetSet targets, Path scratch, ProgressSink progress) {
    return new AttributionTask(ctx.model.spec(), TrainStage.ema(model), ctx.train, targets.attributed(),
        options(ctx, method), ctx.seeds.child("method").child(method.name()).child("seed", seed), ctx.threads(),
        new StoreResources(ctx, seed, model), progress, scratch);
  }

  static void write(Path folder, Scores s) throws IOException {
    FloatArrays.write(folder.resolve("scores.npy"), s.values(), s.targets(), s.train());
    List<String> names = new ArrayList<>(s.candidates().keySet());
    for (int i = 0; i < names.size(); i++) {
      FloatArrays.write(folder.resolve("candidate_" + i + ".npy"), s.candidates().get(names.get(i)), s.targets(),
          s.train());
    }
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("targets", s.targets());
    j.put("train", s.train());
    j.put("sharedSeconds", s.sharedSeconds());
    j.put("perTargetSeconds", s.perTargetSeconds());
    j.put("metadata", s.metadata());
    j.put("candidates", names);
    Files.writeString(folder.resolve("scores.json"), Json.pretty(j));
  }

  static Scores read(Path folder) throws IOException {
    Map<String, Object> j = Json.mapper().readValue(folder.resolve("scores.json").toFile(),
        new TypeReference<Map<String, Object>>() {});
    int t = ((Number) j.get("targets")).intValue();
    int n = ((Number) j.get("train")).intValue();
    @SuppressWarnings("unchecked")
    List<Number> per = (List<Number>) j.get("perTargetSeconds");
    double[] perT = per.stream().mapToDouble(Number::doubleValue).toArray();
    @SuppressWarnings("unchecked")
    List<String> names = (List<String>) j.get("candidates");
    Map<String, float[]> cands = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      cands.put(names.get(i), FloatArrays.read(folder.resolve("candidate_" + i + ".npy")));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> md = (Map<String, Object>) j.get("metadata");
    return new Scores(t, n, FloatArrays.read(folder.resolve("scores.npy")),
        ((Number) j.get("sharedSeconds")).doubleValue(), perT, md, cands);
  }
}
