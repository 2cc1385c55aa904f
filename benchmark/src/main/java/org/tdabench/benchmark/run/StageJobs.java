package org.tdabench.benchmark.run;

import java.util.List;
import java.util.Map;
import org.tdabench.benchmark.exec.Job;
import org.tdabench.benchmark.exec.JobContext;
import org.tdabench.benchmark.exec.JobRunner;

/**
 * The job kinds of a run. Each job carries the run's configuration, so a process that only has
 * the store (a cluster node running {@code tdabench job <id>}) rebuilds the context and computes
 * through the store: jobs are idempotent.
 */
final class StageJobs {
  private StageJobs() {}

  static final String TRAIN = "train";
  static final String TARGETS = "targets";
  static final String ATTRIBUTE = "attribute";
  static final String GROUND_TRUTH = "lds-ground-truth";
  static final String ABLATE = "ablate";

  static Job train(RunConfig cfg, TrainRequest r) {
    return Job.of(safe("train-" + r.label()), TRAIN, Map.of("run", cfg.toJson(), "request", r.toJson()));
  }

  static Job targets(RunConfig cfg, int seed) {
    return Job.of("targets-seed-" + seed, TARGETS, Map.of("run", cfg.toJson(), "seed", seed));
  }

  static Job attribute(RunConfig cfg, String method, int seed) {
    return Job.of(safe("attribute-" + method + "-seed-" + seed), ATTRIBUTE,
        Map.of("run", cfg.toJson(), "method", method, "seed", seed));
  }

  static Job groundTruth(RunConfig cfg, TrainRequest r) {
    return Job.of(safe("gt-" + r.label()), GROUND_TRUTH, Map.of("run", cfg.toJson(), "request", r.toJson()));
  }

  static Job ablate(RunConfig cfg, String method, int seed) {
    return Job.of(safe("ablate-" + method + "-seed-" + seed), ABLATE,
        Map.of("run", cfg.toJson(), "method", method, "seed", seed));
  }

  static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  @SuppressWarnings("unchecked")
  static RunContext context(Job job) {
    return RunContext.open(RunConfig.fromJson((Map<String, Object>) job.recipe().get("run")));
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
      TrainStage.train(context(job), request(job));
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
      TargetStage.targets(context(job), seed(job));
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
      RunContext ctx = context(job);
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
      LdsStage.groundTruth(context(job), request(job));
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
      RunContext ctx = context(job);
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
