package org.tdabench.benchmark.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hipparchus.stat.correlation.SpearmansCorrelation;
import org.tdabench.core.SeedTree;
import org.tdabench.core.UserError;
import org.tdabench.datasets.Split;
import org.tdabench.methods.api.ImageSet;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.config.ModelPresets;
import org.tdabench.models.ensemble.EnsembleCodes;
import org.tdabench.models.ensemble.ExactCounterfactuals;
import org.tdabench.models.ensemble.FirstOrderInfluence;
import org.tdabench.models.ensemble.ModelMembers;
import org.tdabench.models.ensemble.SamplerJacobian;
import org.tdabench.models.train.TrainResult;
import org.tdabench.models.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tdabench bench ensemble}: the encoded-ensemble track's three costs on procedural data of
 * a preset's model: member trainings per hour (the preset's recipe on a member's half of the
 * data), exact leave-one-out counterfactuals per second (all N codes of one target in batched
 * passes) and the sampler Jacobian's seconds per target; plus the first-order estimate's agreement
 * with the exact counterfactuals on that target.
 */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
    description = "Encoded ensembles: members trained per hour, exact counterfactuals per second, Jacobian "
        + "seconds per target.")
public final class BenchEnsembleCommand implements Callable<Integer> {
  @Option(names = "--preset", defaultValue = "small", description = "Model preset (default: small).")
  String preset;

  @Option(names = "--train", defaultValue = "256", description = "Procedural training images N (default: 256, "
      + "the small benchmark's).")
  int train;

  @Option(names = "--members", defaultValue = "0", description = "Members n (default 0: the smallest even n "
      + "with C(n, n/2) >= N).")
  int members;

  @Option(names = "--train-members", defaultValue = "1", description = "Members actually trained and timed "
      + "(default 1; the others are perturbed initialisations, which cost the same to sample).")
  int trainMembers;

  @Option(names = "--threads", defaultValue = "1", description = "TensorFlow intra-op threads (default 1, as "
      + "the harness runs every job).")
  int threads;

  @Option(names = "--eval-batch", defaultValue = "256", description = "Largest member batch (default 256, as the "
      + "small track).")
  int evalBatch;

  @Option(names = "--targets", defaultValue = "8", description = "Targets carried through the Jacobian pass "
      + "together, as encoded-ensemble does (default 8).")
  int targets;

  @Override
  public Integer call() {
    if (train < 2 || trainMembers < 0 || threads < 1 || evalBatch < 1 || targets < 1) {
      throw new UserError("--train must be >= 2, --train-members >= 0, --threads, --eval-batch and --targets >= 1");
    }
    ModelPreset p = ModelPresets.get(preset);
    ModelSpec spec = p.spec();
    ImageSet data = BenchAttributionSetup.procedural(spec, Split.TRAIN, train, 7);
    SeedTree root = SeedTree.root(11);
    EnsembleCodes codes = EnsembleCodes.draw(train, members, root.child("codes"));
    int n = codes.members();
    if (trainMembers > n) {
      throw new UserError("--train-members " + trainMembers + " exceeds the " + n + " members");
    }
    System.out.printf(Locale.ROOT, "preset %s, N = %d, n = %d members (C(%d, %d) = %d codes), %d thread(s)%n",
        p.name(), train, n, n, n / 2, EnsembleCodes.binomial(n, n / 2), threads);

    List<ModelWeights> weights = new ArrayList<>();
    double trainSeconds = 0;
    ImageSet val = BenchAttributionSetup.procedural(spec, Split.TEST, Math.min(64, train), 7);
    for (int j = 0; j < n; j++) {
      if (j < trainMembers) {
        ImageSet rows = data.subset(codes.rowsOf(j));
        TrainResult r = new Trainer(spec, p.train(), threads).train(rows, val, root.child("member", j));
        System.out.printf(Locale.ROOT, "member %d: %d images, %d steps in %.1f s%n", j, rows.size(), r.steps(),
            r.seconds());
        trainSeconds += r.seconds();
        weights.add(r.bestEma());
      } else {
        weights.add(BenchAttributionSetup.model(p, data, 0, 7, root.child("member", j), threads));
      }
    }
    Map<String, Object> kv = new LinkedHashMap<>();
    kv.put("preset", p.name());
    kv.put("train", train);
    kv.put("members", n);
    kv.put("threads", threads);
    if (trainMembers > 0) {
      double perHour = 3600.0 / (trainSeconds / trainMembers);
      System.out.printf(Locale.ROOT, "training:              %.1f members per hour (%.1f s each)%n", perHour,
          trainSeconds / trainMembers);
      kv.put("members_per_hour", perHour);
    }
    long[] seeds = new long[targets];
    for (int t = 0; t < targets; t++) {
      seeds[t] = root.child("target", t).seed();
    }
    float[] epsAll = DitEdmModel.initialNoise(seeds, spec.imageSize());
    float[] eps = java.util.Arrays.copyOf(epsAll, spec.imageSize());
    int cd = spec.condDim();
    float[] yAll = cd == 0 ? null : new float[targets * cd];
    for (int t = 0; cd > 0 && t < targets; t++) {
      yAll[t * cd] = 1f;
    }
    float[] y = yAll == null ? null : java.util.Arrays.copyOf(yAll, cd);
    try (ModelMembers m = new ModelMembers(spec, weights, threads, evalBatch)) {
      long t0 = System.nanoTime();
      ExactCounterfactuals.Result exact =
          ExactCounterfactuals.compute(m, spec.sampler(), codes, eps, y, 1, 1 << 16, null);
      double exactSeconds = (System.nanoTime() - t0) / 1e9;
      int calls = 2 * spec.sampler().steps() - 1;
      double forwards = (double) train * (n / 2) * calls;
      System.out.printf(Locale.ROOT, "exact counterfactuals: %.1f per second (%d in %.1f s; %.0f member-image "
          + "forwards per second)%n", train / exactSeconds, train, exactSeconds, forwards / exactSeconds);
      kv.put("exact_counterfactuals_per_s", train / exactSeconds);

      SamplerJacobian jac = new SamplerJacobian(m, spec.sampler());
      long t1 = System.nanoTime();
      jac.run(eps, y, 1, codes.uniformWeights());
      double first = (System.nanoTime() - t1) / 1e9;
      long t2 = System.nanoTime();
      SamplerJacobian.Result r = jac.run(epsAll, yAll, targets, codes.uniformWeights());
      double perTarget = (System.nanoTime() - t2) / 1e9 / targets;
      System.out.printf(Locale.ROOT, "Jacobian:              %.2f s per target (%d targets per pass; a first "
          + "one-target pass with the graph compilation took %.2f s; %d members x %d tangents x %d calls)%n",
          perTarget, targets, first, n, n, calls);
      kv.put("jacobian_s_per_target", perTarget);
      kv.put("jacobian_first_s", first);

      double[] fo = FirstOrderInfluence.distances(r.jacobian()[0], codes);
      double rho = new SpearmansCorrelation().correlation(fo, exact.distances()[0]);
      System.out.printf(Locale.ROOT, "first-order vs exact:  Spearman %.3f over the %d samples (%s members)%n", rho,
          train, trainMembers == n ? "trained" : trainMembers + " of " + n + " trained");
      kv.put("first_order_spearman", rho);
    }
    System.out.println(KeyValueLine.format(kv));
    return 0;
  }
}
