package org.tdabench.benchmark.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tdabench.benchmark.exec.Job;
import org.tdabench.benchmark.exec.JobContext;
import org.tdabench.benchmark.exec.JobRunner;
import org.tdabench.benchmark.machine.NumericsEnvironment;
import org.tdabench.core.UserError;

/**
 * The job kinds of a run. Each job carries the part of the run configuration that decides its
 * results ({@link RunConfig#recipe}) and no path, and its id is content-addressed
 * ({@link Job#addressed}: {@code train-main_seed_0-3f9a1c0b7e2d}), so any number of runs share one
 * store. A process that only has the store (a cluster node running {@code tdabench job <id> --store
 * DIR}) rebuilds the context against the store it is given and computes through it: jobs are
 * idempotent.
 */
final class StageJobs {
  private StageJobs() {}

  static final String TRAIN = "train";
  static final String TARGETS = "targets";
  static final String ATTRIBUTE = "attribute";
  static final String GROUND_TRUTH = "lds-ground-truth";
  static final String ABLATE = "ablate";

  static Job train(RunConfig cfg, TrainRequest r) {
    return Job.addressed("train-" + r.label(), TRAIN, Map.of("run", run(cfg, false), "request", r.toJson()));
  }

  static Job targets(RunConfig cfg, int seed) {
    return Job.addressed("targets-seed-" + seed, TARGETS, Map.of("run", run(cfg, false), "seed", seed));
  }

  static Job attribute(RunConfig cfg, String method, int seed) {
    return Job.addressed("attribute-" + method + "-seed-" + seed, ATTRIBUTE,
        Map.of("run", run(cfg, true), "method", method, "seed", seed));
  }

  static Job groundTruth(RunConfig cfg, TrainRequest r) {
    return Job.addressed("gt-" + r.label(), GROUND_TRUTH, Map.of("run", run(cfg, false), "request", r.toJson()));
  }

  static Job ablate(RunConfig cfg, String method, int seed) {
    return Job.addressed("ablate-" + method + "-seed-" + seed, ABLATE,
        Map.of("run", run(cfg, true), "method", method, "seed", seed));
  }

  /**
   * A job's run recipe: {@link RunConfig#recipe} plus the numerics environment of the planning
   * process, which every artifact's recipe carries too: runs planned under other flags plan other
   * jobs, and a job refuses to run under flags other than its plan's.
   */
  static Map<String, Object> run(RunConfig cfg, boolean withMethodOptions) {
    Map<String, Object> r = cfg.recipe(withMethodOptions);
    r.put("numerics", NumericsEnvironment.current().variables());
    return r;
  }

  /**
   * The run context of {@code job} on the store the job is run against: the store is the single
   * source of truth, and the cache root (prepared data) is the folder that holds it.
   *
   * @throws UserError if this process's numerics environment is not the one the job was planned with
   */
  @SuppressWarnings("unchecked")
  static RunContext context(Job job, JobContext jc) {
    Path cache = jc.store().root().getParent();
    Map<String, Object> run = (Map<String, Object>) job.recipe().get("run");
    RunContext ctx = RunContext.open(RunConfig.fromRecipe(run, cache), jc.store());
    Object planned = run.get("numerics");
    if (planned != null && !planned.equals(ctx.numerics.variables())) {
      throw new UserError("job " + job.id() + " was planned with the numerics settings " + planned + " but runs with "
          + ctx.numerics.variables() + ": submit from a shell with the planning shell's TF_* and ONEDNN_* settings, "
          + "or plan again");
    }
    return ctx;
  }

  @SuppressWarnings("unchecked")
  static TrainRequest request(Job job) {
    return TrainRequest.fromJson((Map<String, Object>) job.recipe().get("request"));
  }

  static int seed(Job job) {
    return ((Number) job.recipe().get("seed")).intValue();
  }

  /** Trains one model. */
  public static final class TrainRunner implements JobRunner {
    @Override
    public String kind() {
      return TRAIN;
    }

    @Override
    public void run(Job job, JobContext context) {
      TrainStage.train(context(job, context), request(job));
    }
  }

  /** Generates one seed's targets and controls (training its main model if needed). */
  public static final class TargetsRunner implements JobRunner {
    @Override
    public String kind() {
      return TARGETS;
    }

    @Override
    public void run(Job job, JobContext context) {
      TargetStage.targets(context(job, context), seed(job));
    }
  }

  /** Runs one method on one seed. */
  public static final class AttributeRunner implements JobRunner {
    @Override
    public String kind() {
      return ATTRIBUTE;
    }

    @Override
    public void run(Job job, JobContext context) {
      RunContext ctx = context(job, context);
      String method = (String) job.recipe().get("method");
      // An unavailable method (e.g. feature without a backbone) is skipped, never faked; the report says why.
      if (AttributionStage.unavailable(ctx, org.tdabench.methods.api.Methods.get(method), seed(job)).isEmpty()) {
        AttributionStage.scores(ctx, method, seed(job));
      }
    }
  }

  /** Computes one LDS model's ground truth. */
  public static final class GroundTruthRunner implements JobRunner {
    @Override
    public String kind() {
      return GROUND_TRUTH;
    }

    @Override
    public void run(Job job, JobContext context) {
      LdsStage.groundTruth(context(job, context), request(job));
    }
  }

  /** Retrains after one method's removal and regenerates the targets and controls. */
  public static final class AblateRunner implements JobRunner {
    @Override
    public String kind() {
      return ABLATE;
    }

    @Override
    public void run(Job job, JobContext context) {
      RunContext ctx = context(job, context);
      String method = (String) job.recipe().get("method");
      if (AttributionStage.unavailable(ctx, org.tdabench.methods.api.Methods.get(method), seed(job)).isEmpty()) {
        AblationStage.run(ctx, method, seed(job));
      }
    }
  }

  static List<JobRunner> all() {
    return List.of(new TrainRunner(), new TargetsRunner(), new AttributeRunner(), new GroundTruthRunner(),
        new AblateRunner());
  }
}
