package org.tdabench.benchmark.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.tdabench.benchmark.exec.CompletionCheck;
import org.tdabench.benchmark.exec.Job;
import org.tdabench.benchmark.exec.JobRunners;
import org.tdabench.benchmark.exec.JobStatus;
import org.tdabench.benchmark.exec.JobStore;
import org.tdabench.core.UserError;

/**
 * How far a run is in its store: its job graph, which jobs are finished (their artifacts are there;
 * {@link CompletionCheck}), how many were planned there (their descriptions are there) and the last
 * recorded attempt at each. {@code report} refuses unless every job is finished;
 * {@code slurm --status} prints it.
 */
public final class RunCheck {
  private final RunContext ctx;
  private final List<Job> plan;
  private final CompletionCheck.Result result;
  private final JobStore jobs;

  private RunCheck(RunContext ctx, List<Job> plan, CompletionCheck.Result result) {
    this.ctx = ctx;
    this.plan = plan;
    this.result = result;
    this.jobs = new JobStore(ctx.store);
  }

  static RunCheck of(RunContext ctx, List<Job> plan) throws Exception {
    return new RunCheck(ctx, plan, CompletionCheck.check(plan, JobRunners.discover(), ctx.store));
  }

  /** Refuses, with one line, unless every job of {@code plan} is finished in the run's store. */
  static void requireComplete(RunContext ctx, List<Job> plan) throws Exception {
    RunCheck c = of(ctx, plan);
    if (!c.result.complete()) {
      throw new UserError(c.refusal());
    }
  }

  public List<Job> plan() {
    return plan;
  }

  public CompletionCheck.Result result() {
    return result;
  }

  /** The store checked. */
  public Path store() {
    return ctx.store.root();
  }

  /** The job descriptions in the store. */
  public JobStore jobStore() {
    return jobs;
  }

  /** Jobs of the plan whose description is in the store. */
  public long planned() {
    return plan.stream().filter(j -> jobs.contains(j.id())).count();
  }

  /** Jobs not finished whose last recorded attempt failed or was interrupted. */
  public long failed() {
    return result.notDone().stream().map(jobs::status)
        .filter(s -> s.isPresent() && (s.get().state() == JobStatus.State.FAILED
            || s.get().state() == JobStatus.State.INTERRUPTED))
        .count();
  }

  /** One line: why {@code report} will not run, and what to do. */
  String refusal() {
    RunConfig c = ctx.config;
    List<String> notDone = result.notDone();
    String fix = "add --compute-missing to compute " + (notDone.size() == plan.size() ? "the run" : "them") + " here";
    if (planned() == 0 && result.done().isEmpty()) {
      return String.format(Locale.ROOT, "store %s holds none of this run's %d jobs (preset %s, dataset %s, seed %d, "
          + "threads %d%s): check --cache, and that --preset, --dataset, --seed, --threads, --methods and --method-opt "
          + "are those of the planning command; or %s", store(), plan.size(), c.preset(), c.effectiveDataset(),
          c.seed(), c.threads(), c.methodOptions().isEmpty() ? "" : ", method options " + c.methodOptions(), fix);
    }
    String first = notDone.get(0);
    String what = result.missing().containsKey(first) ? "no " + result.missing().get(first).split(" ")[0] + " yet"
        : "waits for an unfinished dependency";
    long failed = failed();
    return String.format(Locale.ROOT, "%d of %d jobs of this run are not finished in store %s (e.g. %s: %s%s): "
        + "`tdabench slurm --status` with the planning options says which and how to resubmit; or %s",
        notDone.size(), plan.size(), store(), first, what, failed > 0 ? "; " + failed + " failed or were interrupted"
            : "", fix);
  }
}
