package org.tdabench.benchmark.run;

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
import org.tdabench.benchmark.ensemble.EnsembleTrackConfig;
import org.tdabench.benchmark.store.Artifact;
import org.tdabench.benchmark.store.Recipe;
import org.tdabench.core.AtomicFiles;
import org.tdabench.core.Hashing;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.EnsembleMode;
import org.tdabench.methods.api.Methods;
import org.tdabench.methods.api.ProgressSink;
import org.tdabench.methods.api.Scores;
import org.tdabench.methods.api.Targets;

/**
 * Every method on the encoded-ensemble track, through the store, as its {@link EnsembleMode} says:
 * model-free methods and whole-ensemble methods run once on the ensemble's targets; per-member
 * methods run on each member as a model of its own (one artifact per member, so members run as
 * parallel jobs) and their score matrices are averaged, the model ensembles of TRAK and D-TRAK
 * (sail-sg/D-TRAK methods/06_ensemble). Hyper-parameter candidates are not tuned on this track:
 * each method's default candidate is used. A method that cannot attribute the ensemble is
 * recorded as skipped with its reason.
 */
final class EnsembleAttribution {
  static final String VERSION = "1";

  private EnsembleAttribution() {}

  /** A method's track scores, or why it has none; and how it attributed the ensemble. */
  record Outcome(Scores scores, String skipped, String mode) {}

  /** Which methods the track runs, and why the others of the run do not. */
  record Selection(boolean enabled, List<String> run, Map<String, String> notRun) {}

  static String mode(AttributionMethod m) {
    return switch (m.ensembleMode()) {
      case MODEL_FREE -> "model-free";
      case PER_MEMBER -> "mean over members";
      case WHOLE_ENSEMBLE -> "whole ensemble";
    };
  }

  /**
   * The track runs when the run includes {@code encoded-ensemble}. With every method selected, a
   * preset may limit the per-member methods (cost); a score ensemble runs only with all its
   * members.
   */
  static Selection selection(RunContext ctx) {
    List<String> methods = Pipeline.methods(ctx.config);
    if (!methods.contains(EnsembleTrackConfig.METHOD)) {
      return new Selection(false, List.of(), Map.of());
    }
    EnsembleTrackConfig cfg = EnsembleStage.config(ctx);
    boolean all = ctx.config.methods().isEmpty() || ctx.config.methods().equals(List.of("all"));
    List<String> run = new ArrayList<>();
    Map<String, String> notRun = new LinkedHashMap<>();
    int n = EnsembleStage.codes(ctx).members();
    for (String m : methods) {
      if (all && !cfg.runsEveryMethod() && Methods.get(m).ensembleMode() == EnsembleMode.PER_MEMBER
          && !cfg.perMemberMethods().contains(m)) {
        notRun.put(m, "not on the " + ctx.preset.name() + " preset's default ensemble track (attributing each of the "
            + n + " members costs " + n + " times its single-model time); name it with --methods to run it");
      } else {
        run.add(m);
      }
    }
    for (String m : List.copyOf(run)) {
      AttributionMethod method = Methods.get(m);
      for (String r : method.requiredMethods(AttributionStage.options(ctx, method))) {
        if (!run.contains(r)) {
          run.remove(m);
          notRun.put(m, "its member " + r + " is not on the track");
          break;
        }
      }
    }
    return new Selection(true, run, notRun);
  }

  /** Member j's task for {@code method}. */
  static AttributionTask memberTask(RunContext ctx, AttributionMethod method, int member, Path scratch) {
    Artifact a = EnsembleStage.members(ctx).get(member);
    return new AttributionTask(ctx.model.spec(), TrainStage.ema(a), ctx.train, EnsembleStage.targets(ctx),
        AttributionStage.options(ctx, method), seeds(ctx, method), ctx.threads(),
        EnsembleResources.member(ctx, a), ProgressSink.NONE, scratch);
  }

  /**
   * The task of a method that runs once: the ensemble in its resources; its weights field holds
   * member 0's (such methods do not read it).
   */
  static AttributionTask trackTask(RunContext ctx, AttributionMethod method, Path scratch) {
    return new AttributionTask(ctx.model.spec(), TrainStage.ema(EnsembleStage.members(ctx).get(0)), ctx.train,
        EnsembleStage.targets(ctx), AttributionStage.options(ctx, method), seeds(ctx, method),
        ctx.threads(), EnsembleResources.track(ctx), ProgressSink.NONE, scratch);
  }

  private static org.tdabench.core.SeedTree seeds(RunContext ctx, AttributionMethod method) {
    // The same stream for every member (common random numbers, as one projection seed for all
    // models of a D-TRAK ensemble).
    return ctx.seeds.child("ensemble").child("method").child(method.name());
  }

  /** Why {@code method} cannot run on the track, if it cannot (checked on a representative task). */
  static Optional<String> unavailable(RunContext ctx, String name) {
    AttributionMethod method = Methods.get(name);
    AttributionTask task = method.ensembleMode() == EnsembleMode.PER_MEMBER ? memberTask(ctx, method, 0, null)
        : trackTask(ctx, method, null);
    return method.unavailableReason(task);
  }

  /** Member j's scores for a per-member method; cached. */
  static Scores memberScores(RunContext ctx, String name, int member) {
    AttributionMethod method = Methods.get(name);
    Artifact model = EnsembleStage.members(ctx).get(member);
    Targets targets = EnsembleStage.targets(ctx);
    Recipe r = ctx.recipe("scores", "methods." + method.name(), method.version())
        .withConfig("options", AttributionStage.options(ctx, method).values())
        .withConfig("targets", EnsembleStage.targetsHash(targets))
        .withSeed("root", ctx.config.seed())
        .withSeed("path", "ensemble/method/" + method.name())
        .withInput("model", model.hash())
        .withInput("data", Hashing.sha256Hex(ctx.dataId));
    return compute(ctx, r, method, scratch -> method.attribute(memberTask(ctx, method, member, scratch)));
  }

  /** The track's scores of {@code name} (computed unless stored), or why it has none. */
  static Outcome scores(RunContext ctx, String name) {
    AttributionMethod method = Methods.get(name);
    String mode = mode(method);
    Map<String, Object> required = new TreeMap<>();
    for (String m : method.requiredMethods(AttributionStage.options(ctx, method))) {
      AttributionMethod rm = Methods.get(m);
      required.put(m, Map.of("version", rm.version(), "options", AttributionStage.options(ctx, rm).values()));
    }
    Recipe r = ctx.recipe("ensemble-scores", "benchmark.ensemble-track", VERSION)
        .withConfig("method", method.name()).withConfig("methodVersion", method.version())
        .withConfig("options", AttributionStage.options(ctx, method).values())
        .withConfig("required", required)
        .withConfig("targets", EnsembleStage.targetsHash(EnsembleStage.targets(ctx)))
        .withSeed("root", ctx.config.seed())
        .withInput("members", EnsembleStage.membersHash(EnsembleStage.members(ctx)))
        .withInput("data", Hashing.sha256Hex(ctx.dataId));
    try {
      Artifact a = ctx.store.getOrCompute(r, pc -> {
        String why = unavailable(ctx, name).orElse(null);
        Scores s = null;
        if (why == null) {
          try {
            s = method.ensembleMode() == EnsembleMode.PER_MEMBER ? average(ctx, name)
                : compute(ctx, null, method, scratch -> method.attribute(trackTask(ctx, method, scratch)));
          } catch (UnsupportedOperationException e) {
            why = e.getMessage();
          }
        }
        if (why != null) {
          Files.writeString(pc.folder().resolve("skipped.txt"), why);
        } else {
          AttributionStage.write(pc.folder(), s);
          pc.timing("amortised_per_target", s.amortisedSecondsPerTarget());
        }
        pc.threads(ctx.threads()).note("mode", mode);
      });
      Path skipped = a.file("skipped.txt");
      if (Files.exists(skipped)) {
        return new Outcome(null, Files.readString(skipped), mode);
      }
      return new Outcome(AttributionStage.read(a.folder()), null, mode);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The mean of the members' score matrices; costs add up. */
  private static Scores average(RunContext ctx, String name) {
    int members = EnsembleStage.codes(ctx).members();
    Scores first = null;
    float[] sum = null;
    double shared = 0;
    double[] perTarget = null;
    for (int j = 0; j < members; j++) {
      Scores s = memberScores(ctx, name, j);
      if (first == null) {
        first = s;
        sum = new float[s.values().length];
        perTarget = new double[s.targets()];
      }
      for (int i = 0; i < sum.length; i++) {
        sum[i] += s.values()[i] / members;
      }
      shared += s.sharedSeconds();
      for (int t = 0; t < perTarget.length; t++) {
        perTarget[t] += s.perTargetSeconds()[t];
      }
    }
    Map<String, Object> md = new LinkedHashMap<>();
    md.put("ensemble", "mean of the " + members + " members' scores (each member attributed as one model)");
    md.put("member0", first.metadata());
    if (!first.candidates().isEmpty()) {
      md.put("candidate", "the method's default candidate (no tuning family on this track)");
    }
    return new Scores(first.targets(), first.train(), sum, shared, perTarget, md);
  }

  @FunctionalInterface
  private interface Attribution {
    Scores run(Path scratch);
  }

  /** Runs an attribution in a scratch folder, through the store when {@code r} is given. */
  private static Scores compute(RunContext ctx, Recipe r, AttributionMethod method, Attribution body) {
    try {
      if (r == null) {
        return inScratch(ctx, method, body);
      }
      Artifact a = ctx.store.getOrCompute(r, pc -> {
        Scores s = inScratch(ctx, method, body);
        AttributionStage.write(pc.folder(), s);
        pc.threads(ctx.threads()).timing("shared", s.sharedSeconds())
            .timing("amortised_per_target", s.amortisedSecondsPerTarget());
      });
      return AttributionStage.read(a.folder());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Scores inScratch(RunContext ctx, AttributionMethod method, Attribution body) throws IOException {
    Files.createDirectories(ctx.workFolder());
    Path scratch = Files.createTempDirectory(ctx.workFolder().toAbsolutePath(), "scratch-ens-" + method.name() + "-");
    try {
      return body.run(scratch);
    } finally {
      AtomicFiles.deleteRecursively(scratch);
    }
  }
}
