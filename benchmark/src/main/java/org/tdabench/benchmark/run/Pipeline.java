package org.tdabench.benchmark.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tdabench.benchmark.exec.ExecutionReport;
import org.tdabench.benchmark.exec.InProcessExecutor;
import org.tdabench.benchmark.exec.Job;
import org.tdabench.benchmark.exec.JobRunners;
import org.tdabench.benchmark.exec.JobStore;
import org.tdabench.core.UserError;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.Methods;

/**
 * The whole chain on one seed tree: prepare -> train (main models and every LDS model, in
 * parallel) -> generate targets -> attribute (every method) and LDS ground truth -> ablation
 * retrainings -> statistics -> CSVs and report. Each phase is a set of independent jobs run by the
 * in-process executor (one TensorFlow thread per job, as many jobs as workers); every job computes
 * through the artifact store, so a rerun reuses everything and an interrupted run resumes.
 */
public final class Pipeline {
  private final RunConfig cfg;
  private final PrintStream log;

  public Pipeline(RunConfig cfg, PrintStream log) {
    this.cfg = cfg;
    this.log = log;
  }

  /** Runs every phase and writes the results; returns the summary. */
  public RunSummary run() throws Exception {
    long t0 = System.nanoTime();
    RunContext ctx = RunContext.open(cfg);
    List<String> methods = resolveMethods();
    int seeds = ctx.preset.ablationSeeds();
    log.printf("tdabench run: preset %s, dataset %s (%d train / %d test, %dx%d), %d methods, seed %d%n",
        ctx.preset.name(), cfg.effectiveDataset(), ctx.train.size(), ctx.test.size(), ctx.data.resolution(),
        ctx.data.resolution(), methods.size(), cfg.seed());

    List<Job> train = new ArrayList<>();
    for (int s = 0; s < seeds; s++) {
      train.add(StageJobs.train(cfg, TargetStage.mainModel(ctx, s)));
    }
    for (TrainRequest r : LdsStage.requests(ctx)) {
      train.add(StageJobs.train(cfg, r));
    }
    phase("train models", ctx, train);

    List<Job> targets = new ArrayList<>();
    for (int s = 0; s < seeds; s++) {
      targets.add(StageJobs.targets(cfg, s));
    }
    phase("generate targets", ctx, targets);

    List<String> runnable = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (String m : methods) {
      Optional<String> why = AttributionStage.unavailable(ctx, Methods.get(m), 0);
      if (why.isPresent()) {
        skipped.put(m, why.get());
        log.println("  skipping " + m + ": " + why.get());
      } else {
        runnable.add(m);
      }
    }

    List<Job> attribute = new ArrayList<>();
    for (String m : runnable) {
      for (int s = 0; s < seeds; s++) {
        attribute.add(StageJobs.attribute(cfg, m, s));
      }
    }
    for (TrainRequest r : LdsStage.requests(ctx)) {
      attribute.add(StageJobs.groundTruth(cfg, r));
    }
    phase("attribute and LDS ground truth", ctx, attribute);

    List<Job> ablate = new ArrayList<>();
    for (String m : runnable) {
      for (int s = 0; s < seeds; s++) {
        ablate.add(StageJobs.ablate(cfg, m, s));
      }
    }
    phase("ablation retrainings", ctx, ablate);

    RunAnalysis analysis = new RunAnalysis(ctx, runnable, skipped);
    RunSummary summary = analysis.writeAll((System.nanoTime() - t0) / 1e9);
    return summary;
  }

  /** The methods to run: the list given (or all installed), with random always present. */
  List<String> resolveMethods() {
    List<String> names = new ArrayList<>();
    List<String> given = cfg.methods();
    List<AttributionMethod> ms = given.isEmpty() || given.equals(List.of("all"))
        ? Methods.installed() : Methods.parse(String.join(",", given));
    for (AttributionMethod m : ms) {
      names.add(m.name());
    }
    if (!names.contains("random")) {
      names.add(0, "random");
    } else {
      names.remove("random");
      names.add(0, "random");
    }
    return names;
  }

  private void phase(String name, RunContext ctx, List<Job> jobs) throws Exception {
    if (jobs.isEmpty()) {
      return;
    }
    long t0 = System.nanoTime();
    ExecutionReport report;
    try (JobProgress progress = JobProgress.open(name, jobs.size(), log)) {
      InProcessExecutor ex = new InProcessExecutor(new JobStore(ctx.store), JobRunners.discover(),
          Math.max(1, cfg.workers()), 1, progress);
      report = ex.execute(jobs);
    }
    if (!report.ok()) {
      Map.Entry<String, String> first = report.failed().entrySet().iterator().next();
      throw new UserError(name + ": job " + first.getKey() + " failed: " + first.getValue()
          + (report.failed().size() > 1 ? " (and " + (report.failed().size() - 1) + " more)" : ""));
    }
    log.printf("  %s: %d jobs in %.1f s%n", name, jobs.size(), (System.nanoTime() - t0) / 1e9);
  }
}
