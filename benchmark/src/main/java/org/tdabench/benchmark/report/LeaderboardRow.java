package org.tdabench.benchmark.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.tdabench.benchmark.ablation.Group;
import org.tdabench.benchmark.ablation.MethodAblation;
import org.tdabench.benchmark.stats.Estimate;

/**
 * One method's line of {@code results/<preset>/leaderboard-<dataset>.csv}. Every score carries its
 * interval, and the row carries the counts and recipe hashes behind it. A
 * stage a method did not take part in is null (written as empty cells).
 *
 * @param method method id
 * @param ldsGen LDS on generated targets (eval family, hyper-parameters chosen on the tune family)
 * @param ldsVal LDS on held-out test images
 * @param ldsGenVsRandom paired difference to random on the same subsets and targets (null for random)
 * @param ldsValVsRandom the same on held-out targets
 * @param ldsGenVerdict in words, what the paired interval says ("beats random", "not separated", ...)
 * @param ldsValVerdict the same on held-out targets
 * @param hyperparameter the candidate chosen on the tune family and used everywhere, or ""
 * @param ldsGenOptimistic best-on-eval LDS on generated targets (optimistic, D-TRAK's reporting), or NaN
 * @param ldsValOptimistic the same on held-out images, or NaN
 * @param ablation metric -> AUC and Ratio for targets and controls, in column order
 * @param removalUnionSize distinct training samples the ablation removed, or -1
 * @param overlapWithin overlap of the method's top-k lists across targets, percent
 * @param recall self-retrieval recall@k (fraction of training-image targets ranking themselves in the
 *     top k)
 * @param recallK the k of {@code recall}, or -1
 * @param attributionSecondsPerTarget wall time of attribution divided by the number of targets
 * @param counts the numbers of targets, subsets and seeds behind the numbers
 * @param deterministic whether every artifact behind the row was computed under the pinned numerics
 *     settings on one machine fingerprint (from their sidecars), so the row is bit-reproducible there
 * @param fingerprint the machine fingerprint of the row's artifacts, or "mixed"
 * @param protocol short hash of everything that defines the experiment behind the row (preset sizes,
 *     data, model, the method's version and options, the analysis settings): rows with different
 *     protocols measure different things and are never compared
 * @param recipeHashes artifact role -> recipe hash (scores, lds ground truth, ablation model, ...)
 */
public record LeaderboardRow(
    String method,
    Estimate ldsGen,
    Estimate ldsVal,
    Estimate ldsGenVsRandom,
    Estimate ldsValVsRandom,
    String ldsGenVerdict,
    String ldsValVerdict,
    String hyperparameter,
    double ldsGenOptimistic,
    double ldsValOptimistic,
    Map<String, AblationCells> ablation,
    int removalUnionSize,
    Estimate overlapWithin,
    Estimate recall,
    int recallK,
    double attributionSecondsPerTarget,
    Counts counts,
    boolean deterministic,
    String fingerprint,
    String protocol,
    Map<String, String> recipeHashes) {

  public LeaderboardRow {
    ablation = Collections.unmodifiableMap(new LinkedHashMap<>(ablation));
    recipeHashes = Collections.unmodifiableMap(new TreeMap<>(recipeHashes));
  }

  /**
   * One metric's ablation cells, each the mean over seeds with a seed-level interval.
   *
   * @param specificity inside the method's retrained model, P(a control changed less than a target)
   *     (the headline: 0.5 = no more effect on targets than on unrelated images)
   * @param specificityVsRandom the same minus its size-matched random removal's, paired per seed
   * @param targetsAuc AUC vs the size-matched random removal on targets (higher is better, 0.5 = random)
   * @param targetsRatio Ratio % on targets (similarity: negative is better; distance: positive)
   * @param controlsAuc AUC on controls (0.5 is ideal)
   * @param controlsRatio Ratio % on controls (0 is ideal)
   */
  public record AblationCells(Estimate specificity, Estimate specificityVsRandom, Estimate targetsAuc,
      Estimate targetsRatio, Estimate controlsAuc, Estimate controlsRatio) {

    /** The cells of {@code metric} from an ablation analysis. */
    public static AblationCells of(MethodAblation m, String metric) {
      var t = m.result(metric, Group.TARGETS);
      var c = m.result(metric, Group.CONTROLS);
      var s = m.specificity().get(metric);
      return new AblationCells(s.method(), s.vsRandom(), t.auc(), t.ratio(), c.auc(), c.ratio());
    }
  }

  /**
   * The numbers behind a row.
   *
   * @param genTargets generated LDS targets (defined ones)
   * @param valTargets held-out LDS targets (defined ones)
   * @param genUndefined generated targets whose correlation is undefined (left out, counted)
   * @param valUndefined the same for held-out targets
   * @param subsets LDS subsets M (eval family)
   * @param seedsPerSubset retraining seeds per subset R
   * @param ablationTargets ablation targets, pooled over seeds
   * @param ablationControls ablation controls, pooled over seeds
   * @param ablationSeeds ablation seeds (independent pre/post model pairs)
   */
  public record Counts(int genTargets, int valTargets, int genUndefined, int valUndefined, int subsets,
      int seedsPerSubset, int ablationTargets, int ablationControls, int ablationSeeds) {}

  /** A builder starting from "took no part": null estimates, NaN numbers, -1 counts. */
  public static Builder builder(String method) {
    return new Builder(method);
  }

  /** Fills a row stage by stage as the results come in. */
  public static final class Builder {
    private final String method;
    private Estimate ldsGen;
    private Estimate ldsVal;
    private Estimate ldsGenVsRandom;
    private Estimate ldsValVsRandom;
    private String ldsGenVerdict = "";
    private String ldsValVerdict = "";
    private String hyperparameter = "";
    private double ldsGenOptimistic = Double.NaN;
    private double ldsValOptimistic = Double.NaN;
    private final Map<String, AblationCells> ablation = new LinkedHashMap<>();
    private int removalUnionSize = -1;
    private Estimate overlapWithin;
    private Estimate recall;
    private int recallK = -1;
    private double secondsPerTarget = Double.NaN;
    private Counts counts = new Counts(-1, -1, -1, -1, -1, -1, -1, -1, -1);
    private boolean deterministic;
    private String fingerprint = "";
    private String protocol = "";
    private final Map<String, String> hashes = new TreeMap<>();

    private Builder(String method) {
      this.method = method;
    }

    public Builder lds(Estimate gen, Estimate val) {
      ldsGen = gen;
      ldsVal = val;
      return this;
    }

    /** Paired differences to random and their verdicts. */
    public Builder ldsVsRandom(Estimate gen, Estimate val, String genVerdict, String valVerdict) {
      ldsGenVsRandom = gen;
      ldsValVsRandom = val;
      ldsGenVerdict = genVerdict;
      ldsValVerdict = valVerdict;
      return this;
    }

    public Builder hyperparameter(String h) {
      hyperparameter = h;
      return this;
    }

    public Builder ldsOptimistic(double gen, double val) {
      ldsGenOptimistic = gen;
      ldsValOptimistic = val;
      return this;
    }

    /** The ablation cells of every metric of {@code m}, its union size and within-method overlap. */
    public Builder ablation(MethodAblation m, java.util.List<String> metrics) {
      for (String metric : metrics) {
        ablation.put(metric, AblationCells.of(m, metric));
      }
      removalUnionSize = m.meanUnionSize();
      overlapWithin = m.withinOverlap();
      return this;
    }

    public Builder recall(Estimate recallAtK, int k) {
      recall = recallAtK;
      recallK = k;
      return this;
    }

    public Builder secondsPerTarget(double s) {
      secondsPerTarget = s;
      return this;
    }

    public Builder counts(Counts c) {
      counts = c;
      return this;
    }

    public Builder deterministic(boolean d) {
      deterministic = d;
      return this;
    }

    public Builder fingerprint(String fp) {
      fingerprint = fp;
      return this;
    }

    public Builder protocol(String p) {
      protocol = p;
      return this;
    }

    public Builder hash(String role, String recipeHash) {
      hashes.put(role, recipeHash);
      return this;
    }

    public LeaderboardRow build() {
      return new LeaderboardRow(method, ldsGen, ldsVal, ldsGenVsRandom, ldsValVsRandom, ldsGenVerdict, ldsValVerdict,
          hyperparameter, ldsGenOptimistic, ldsValOptimistic, ablation,
          removalUnionSize, overlapWithin, recall, recallK, secondsPerTarget, counts, deterministic, fingerprint,
          protocol, hashes);
    }
  }
}
