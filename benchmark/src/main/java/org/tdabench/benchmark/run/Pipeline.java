package org.tdabench.benchmark.run;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tdabench.benchmark.exec.CompletionCheck;
import org.tdabench.benchmark.exec.CpuUsage;
import org.tdabench.benchmark.exec.ExecutionReport;
import org.tdabench.benchmark.exec.InProcessExecutor;
import org.tdabench.benchmark.exec.Job;
import org.tdabench.benchmark.exec.JobRunners;
import org.tdabench.benchmark.exec.JobStore;
import org.tdabench.benchmark.lds.SubsetSampler;
import org.tdabench.core.UserError;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.Methods;

/**
 * The whole chain on one seed tree, as one graph of jobs: train (main models and every LDS model)
 * -> generate targets -> attribute (every method) and LDS ground truth -> ablation retrainings;
 * then the statistics, CSVs and report. Jobs carry the run configuration and compute through the
 * artifact store, so the same graph runs in this process (one TensorFlow thread per job, as many
 * jobs as workers) or as Slurm job arrays, a rerun reuses everything and an interrupted run resumes.
 */
public final class Pipeline {
  /** Job kinds of the stage commands. */
  public static final Set<String> ALL_KINDS = Set.of(StageJobs.TRAIN, StageJobs.TARGETS, StageJobs.ATTRIBUTE,
      StageJobs.GROUND_TRUTH, StageJobs.ABLATE, EnsembleJobs.TARGETS, EnsembleJobs.GROUND_TRUTH,
      EnsembleJobs.MEMBER_ATTRIBUTE, EnsembleJobs.ATTRIBUTE);

  private final RunConfig cfg;
  private final PrintStream log;
  /** CPU use of the last executed jobs, percent of one core (NaN before any). */
  private double cpuPercent = Double.NaN;

  public Pipeline(RunConfig cfg, PrintStream log) {
    this.cfg = cfg;
    this.log = log;
  }

  /** Runs every job and writes the results; returns the summary. */
  public RunSummary run() throws Exception {
    long t0 = System.nanoTime();
    RunPreflight.checkOutput(cfg.out());
    RunContext ctx = context();
    execute(ctx, ALL_KINDS);
    return report(ctx, (System.nanoTime() - t0) / 1e9);
  }

  /** Runs only the jobs of {@code kinds} (what they need is computed on demand through the store). */
  public void runStages(Set<String> kinds) throws Exception {
    execute(context(), kinds);
  }

  /** Writes the statistics, CSVs and report of the run, computing whatever is still missing. */
  public RunSummary report() throws Exception {
    return report(true);
  }

  /**
   * Writes the statistics, CSVs and report of the run from the store. With {@code computeMissing}
   * false it first checks that every job of the run is finished and refuses with one line naming what
   * is missing (a forgotten {@code --cache}, an option that differs from the plan, arrays still
   * running), and the report itself then runs on a view of the store that cannot compute.
   */
  public RunSummary report(boolean computeMissing) throws Exception {
    long t0 = System.nanoTime();
    RunPreflight.checkOutput(cfg.out());
    if (!computeMissing && !Files.isRegularFile(cfg.cache().resolve("store").resolve("tdabench-store.json"))) {
      throw new UserError("no run was planned or computed in " + cfg.cache().resolve("store") + ": pass the --cache "
          + "of the run (the planning command's), or add --compute-missing to compute the run here");
    }
    if (computeMissing) {
      return report(context(), (System.nanoTime() - t0) / 1e9);
    }
    RunContext ctx = open();
    RunCheck.requireComplete(ctx, plan(ctx));
    announce(ctx);
    RunContext readOnly = RunContext.open(cfg, ctx.store.withoutComputing());
    try {
      return report(readOnly, (System.nanoTime() - t0) / 1e9);
    } catch (RuntimeException e) {
      var missing = CompletionCheck.missingIn(e);
      if (missing == null) {
        throw e;
      }
      throw new UserError("the report needs " + missing.getMessage() + ", which no job of the run makes: add "
          + "--compute-missing to compute it here");
    }
  }

  /** Which jobs of the run are finished in the store (by their artifacts), and the plan checked. */
  public RunCheck check() throws Exception {
    RunContext ctx = RunContext.open(cfg);
    return RunCheck.of(ctx, plan(ctx));
  }

  /** The cost model of this run's jobs, on its prepared data. */
  public RunCost costs() {
    return RunCost.of(RunContext.open(cfg));
  }

  RunContext context() {
    return announce(open());
  }

  /** The run's context, options checked, without announcing it. */
  private RunContext open() {
    checkOptions();
    RunContext ctx = RunContext.open(cfg);
    String dev = ctx.numerics.deviations();
    if (!dev.isEmpty()) {
      log.println("tdabench: warning: non-default numerics settings (" + dev + "): results are recorded as such "
          + "and compared with other runs statistically, not bit for bit");
    }
    return ctx;
  }

  private RunContext announce(RunContext ctx) {
    int side = ctx.model.arch().imageHeight();
    log.printf("tdabench: preset %s, dataset %s (%d train / %d test, %dx%d%s%s), methods %s, seed %d%n",
        ctx.preset.name(), cfg.effectiveDataset(), ctx.train.size(), ctx.test.size(), side, side,
        side != ctx.data.resolution() ? " resized from " + ctx.data.resolution() + " px" : "",
        cfg.classes().isEmpty() ? "" : ", classes " + String.join(",", cfg.classes()), String.join(",", methods()),
        cfg.seed());
    return ctx;
  }

  /** The job graph of the run. */
  public List<Job> plan() {
    return plan(RunContext.open(cfg));
  }

  List<Job> plan(RunContext ctx) {
    List<TrainRequest> mains = new ArrayList<>();
    for (int s = 0; s < ctx.preset.ablationSeeds(); s++) {
      mains.add(TargetStage.mainModel(ctx, s));
    }
    return plan(mains, LdsStage.requests(ctx), ctx);
  }

  /**
   * The shape of the run's job graph without its data (for a dry run): the same kinds, counts,
   * labels and dependencies as {@link #plan()}, with empty training-item lists, so the ids differ.
   */
  public List<Job> outline() {
    checkOptions();
    BenchmarkPreset p = BenchmarkPresets.get(cfg.preset());
    List<TrainRequest> mains = new ArrayList<>();
    for (int s = 0; s < p.ablationSeeds(); s++) {
      mains.add(TargetStage.mainModel(s, new int[0]));
    }
    List<TrainRequest> lds = new ArrayList<>();
    for (String family : List.of(SubsetSampler.EVAL, SubsetSampler.TUNE)) {
      int m = family.equals(SubsetSampler.EVAL) ? p.ldsSubsets() : p.tuneSubsets();
      for (int j = 0; j < m; j++) {
        for (int r = 0; r < p.seedsPerSubset(); r++) {
          lds.add(LdsStage.request(family, j, r, new int[0]));
        }
      }
    }
    // The encoded-ensemble track's jobs need the data (its members' codes): not in the outline.
    return plan(mains, lds, null);
  }

  private List<Job> plan(List<TrainRequest> mains, List<TrainRequest> ldsRequests, RunContext ctx) {
    BenchmarkPreset preset = BenchmarkPresets.get(cfg.preset());
    List<Job> jobs = new ArrayList<>();
    int seeds = mains.size();
    List<String> ldsTrain = new ArrayList<>();
    List<String> tuneTrain = new ArrayList<>();
    Map<String, Job> trainById = new LinkedHashMap<>();
    for (TrainRequest main : mains) {
      jobs.add(StageJobs.train(cfg, main));
    }
    for (TrainRequest r : ldsRequests) {
      Job j = StageJobs.train(cfg, r);
      jobs.add(j);
      trainById.put(r.label(), j);
      ldsTrain.add(j.id());
      if (r.label().startsWith("lds/tune/")) {
        tuneTrain.add(j.id());
      }
    }
    for (int s = 0; s < seeds; s++) {
      jobs.add(StageJobs.targets(cfg, s).after(jobs.get(s).id()));
    }
    String targets0 = StageJobs.targets(cfg, 0).id();
    // The tune family's ground truth chooses each method's hyper-parameter (Tuning), which the
    // ablation's top-k then uses: ablations wait for it.
    List<String> tuneTruth = new ArrayList<>();
    List<Job> truth = new ArrayList<>();
    for (TrainRequest r : ldsRequests) {
      Job gt = StageJobs.groundTruth(cfg, r).after(trainById.get(r.label()).id(), targets0);
      truth.add(gt);
      if (r.label().startsWith("lds/tune/")) {
        tuneTruth.add(gt.id());
      }
    }
    List<String> planned = methods();
    for (String m : planned) {
      AttributionMethod method = Methods.get(m);
      for (int s = 0; s < seeds; s++) {
        // Methods may ask for the tune family's models (model ensembles): let those finish first.
        List<String> deps = new ArrayList<>(tuneTrain);
        deps.add(StageJobs.targets(cfg, s).id());
        // Score ensembles read their members' scores: those run first, as jobs of their own.
        for (String r : method.requiredMethods(AttributionStage.options(preset, cfg, method))) {
          if (planned.contains(r)) {
            deps.add(StageJobs.attribute(cfg, r, s).id());
          }
        }
        Job attr = StageJobs.attribute(cfg, m, s).after(deps.toArray(String[]::new));
        jobs.add(attr);
        List<String> ablateDeps = new ArrayList<>(tuneTruth);
        ablateDeps.add(attr.id());
        ablateDeps.add(StageJobs.attribute(cfg, m, 0).id());
        jobs.add(StageJobs.ablate(cfg, m, s).after(ablateDeps.stream().distinct().toArray(String[]::new)));
      }
    }
    jobs.addAll(truth);
    if (ctx != null) {
      jobs.addAll(EnsembleJobs.plan(cfg, ctx));
    }
    return jobs;
  }

  private void execute(RunContext ctx, Set<String> kinds) throws Exception {
    List<Job> all = plan(ctx);
    Set<String> selected = new java.util.HashSet<>();
    List<Job> jobs = new ArrayList<>();
    for (Job j : all) {
      if (kinds.contains(j.kind())) {
        selected.add(j.id());
      }
    }
    for (Job j : all) {
      if (selected.contains(j.id())) {
        // Dependencies outside the selection are computed on demand through the store.
        jobs.add(new Job(j.id(), j.kind(), j.recipe(), j.dependsOn().stream().filter(selected::contains).toList()));
      }
    }
    if (jobs.isEmpty()) {
      return;
    }
    int missing = 0;
    for (Job j : jobs) {
      if (j.kind().equals(StageJobs.TRAIN) && ctx.store.find(TrainStage.recipe(ctx, StageJobs.request(j))).isEmpty()) {
        missing++;
      }
    }
    RunPreflight.checkStore(ctx, jobs, missing, log);
    long t0 = System.nanoTime();
    CpuUsage usage = CpuUsage.start();
    ExecutionReport report;
    try (JobProgress progress = JobProgress.open("jobs", jobs.size(), Math.max(1, cfg.workers()), log)) {
      InProcessExecutor ex = new InProcessExecutor(new JobStore(ctx.store), JobRunners.discover(),
          Math.max(1, cfg.workers()), cfg.threads(), progress).withCosts(RunCost.of(ctx));
      report = ex.execute(jobs);
    }
    if (!report.ok()) {
      Map.Entry<String, String> first = report.failed().entrySet().iterator().next();
      throw new UserError("job " + first.getKey() + " failed: " + first.getValue()
          + (report.failed().size() > 1 ? " (and " + (report.failed().size() - 1) + " more)" : ""));
    }
    cpuPercent = usage.percent();
    log.printf(Locale.ROOT, "  %d jobs in %.1f s, CPU %.0f %% (of %d cores: %.0f %%)%n", jobs.size(),
        (System.nanoTime() - t0) / 1e9, cpuPercent, CpuUsage.cores(), 100.0 * CpuUsage.cores());
  }

  private RunSummary report(RunContext ctx, double seconds) throws Exception {
    Map<String, String> skipped = new LinkedHashMap<>();
    List<String> runnable = runnable(ctx, skipped);
    skipped.forEach((m, why) -> log.println("  skipped " + m + ": " + why));
    RunSummary summary = new RunAnalysis(ctx, runnable, skipped).writeAll(seconds);
    if (!Double.isNaN(cpuPercent)) {
      // The jobs' CPU use: how well the executor kept the cores busy (issue: fleets and packing).
      summary.lines().add(String.format(Locale.ROOT, "CPU utilisation of the jobs: %.0f %% of %d cores (%.0f %% "
          + "is all of them busy)", cpuPercent, CpuUsage.cores(), 100.0 * CpuUsage.cores()));
      summary.keyValues().put("cpu_percent", Math.round(cpuPercent));
    }
    return summary;
  }

  /**
   * The run's methods that can attribute its model, in order; the others go into {@code skipped}
   * with the reason (no backbone given, not an ensemble, ...).
   */
  List<String> runnable(RunContext ctx, Map<String, String> skipped) {
    List<String> out = new ArrayList<>();
    for (String m : methods()) {
      java.util.Optional<String> why = AttributionStage.unavailable(ctx, Methods.get(m), 0);
      if (why.isPresent()) {
        skipped.put(m, why.get());
      } else {
        out.add(m);
      }
    }
    return out;
  }

  /**
   * Fails before any work when an option names no installed method or a selected method rejects its
   * option values (unknown keys, impossible values), rather than in its job after the trainings.
   */
  private void checkOptions() {
    BenchmarkPreset preset = BenchmarkPresets.get(cfg.preset());
    for (String m : cfg.methodOptions().keySet()) {
      try {
        Methods.get(m);
      } catch (UserError e) {
        throw new UserError("--method-opt " + m + ".*: " + e.getMessage());
      }
    }
    for (String m : methods()) {
      AttributionMethod method = Methods.get(m);
      method.checkOptions(AttributionStage.options(preset, cfg, method));
    }
  }

  /** The methods to run: the list given (or all installed), with random first (the ablation reference). */
  List<String> methods() {
    return methods(cfg);
  }

  static List<String> methods(RunConfig cfg) {
    List<String> given = cfg.methods();
    List<AttributionMethod> ms = given.equals(List.of("all"))
        ? Methods.installed() : Methods.parse(String.join(",", given));
    List<String> names = new ArrayList<>();
    names.add("random");
    for (AttributionMethod m : ms) {
      if (!m.name().equals("random")) {
        names.add(m.name());
      }
    }
    return names;
  }
}
