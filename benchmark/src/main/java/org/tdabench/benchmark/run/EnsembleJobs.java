package org.tdabench.benchmark.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tdabench.benchmark.exec.Job;
import org.tdabench.benchmark.exec.JobContext;
import org.tdabench.benchmark.exec.JobRunner;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.EnsembleMode;
import org.tdabench.methods.api.Methods;

/**
 * The encoded-ensemble track's jobs: the members' trainings (ordinary training jobs), the
 * ensemble's targets, the exact ground truth per target, and each method's attribution (per member
 * for per-member methods, then their mean). A score ensemble's job waits for its members' jobs.
 */
final class EnsembleJobs {
  private EnsembleJobs() {}

  static final String TARGETS = "ensemble-targets";
  static final String GROUND_TRUTH = "ensemble-ground-truth";
  static final String MEMBER_ATTRIBUTE = "ensemble-member-attribute";
  static final String ATTRIBUTE = "ensemble-attribute";
  static final Set<String> KINDS = Set.of(TARGETS, GROUND_TRUTH, MEMBER_ATTRIBUTE, ATTRIBUTE);

  /** A method's track job (content-addressed, like every job of a run). */
  static Job attribute(RunConfig cfg, String method) {
    return Job.addressed("ensemble-attribute-" + method, ATTRIBUTE,
        Map.of("run", StageJobs.run(cfg, true), "method", method));
  }

  /** The track's jobs (none when the run does not include it). */
  static List<Job> plan(RunConfig cfg, RunContext ctx) {
    EnsembleAttribution.Selection sel = EnsembleAttribution.selection(ctx);
    List<Job> jobs = new ArrayList<>();
    if (!sel.enabled()) {
      return jobs;
    }
    List<String> trainIds = new ArrayList<>();
    for (TrainRequest r : EnsembleStage.memberRequests(ctx)) {
      Job j = StageJobs.train(cfg, r);
      jobs.add(j);
      trainIds.add(j.id());
    }
    Job targets = Job.addressed("ensemble-targets", TARGETS, Map.of("run", StageJobs.run(cfg, false)))
        .after(trainIds.toArray(String[]::new));
    jobs.add(targets);
    int t = EnsembleStage.picks(ctx).items().length;
    for (int i = 0; i < t; i++) {
      jobs.add(Job.addressed("ensemble-gt-target-" + i, GROUND_TRUTH,
          Map.of("run", StageJobs.run(cfg, false), "target", i))
          .after(targets.id()));
    }
    int members = EnsembleStage.codes(ctx).members();
    for (String m : sel.run()) {
      AttributionMethod method = Methods.get(m);
      List<String> deps = new ArrayList<>(List.of(targets.id()));
      if (method.ensembleMode() == EnsembleMode.PER_MEMBER) {
        for (int j = 0; j < members; j++) {
          Job mj = Job.addressed("ensemble-attribute-" + m + "-member-" + j, MEMBER_ATTRIBUTE,
              Map.of("run", StageJobs.run(cfg, true), "method", m, "member", j)).after(targets.id());
          jobs.add(mj);
          deps.add(mj.id());
        }
      }
      for (String r : method.requiredMethods(AttributionStage.options(ctx, method))) {
        deps.add(attribute(cfg, r).id());
      }
      jobs.add(attribute(cfg, m).after(deps.toArray(String[]::new)));
    }
    return jobs;
  }

  /** Generates the ensemble's targets (training the members if needed). */
  public static final class TargetsRunner implements JobRunner {
    @Override
    public String kind() {
      return TARGETS;
    }

    @Override
    public void run(Job job, JobContext context) {
      EnsembleStage.targets(StageJobs.context(job, context));
    }
  }

  /** One target's exact counterfactuals. */
  public static final class GroundTruthRunner implements JobRunner {
    @Override
    public String kind() {
      return GROUND_TRUTH;
    }

    @Override
    public void run(Job job, JobContext context) {
      EnsembleStage.groundTruth(StageJobs.context(job, context), ((Number) job.recipe().get("target")).intValue());
    }
  }

  /** One member's attribution by a per-member method (skipped quietly where the method cannot run). */
  public static final class MemberAttributeRunner implements JobRunner {
    @Override
    public String kind() {
      return MEMBER_ATTRIBUTE;
    }

    @Override
    public void run(Job job, JobContext context) {
      RunContext ctx = StageJobs.context(job, context);
      String method = (String) job.recipe().get("method");
      if (EnsembleAttribution.unavailable(ctx, method).isPresent()) {
        return;
      }
      try {
        EnsembleAttribution.memberScores(ctx, method, ((Number) job.recipe().get("member")).intValue());
      } catch (UnsupportedOperationException e) {
        // The method needs something a member cannot give: the track job records why.
      }
    }
  }

  /** A method's track scores (or the reason it has none). */
  public static final class AttributeRunner implements JobRunner {
    @Override
    public String kind() {
      return ATTRIBUTE;
    }

    @Override
    public void run(Job job, JobContext context) {
      EnsembleAttribution.scores(StageJobs.context(job, context), (String) job.recipe().get("method"));
    }
  }
}
