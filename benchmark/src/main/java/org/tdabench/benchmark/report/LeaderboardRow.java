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
 * interval, and the row carries the counts and recipe hashes behind it (PROTOCOLS, Statistics). A
 * stage a method did not take part in is null (written as empty cells).
 *
 * @param method method id
 * @param ldsGen LDS on generated targets (eval family, hyper-parameters chosen on the tune family)
 * @param ldsVal LDS on held-out test images
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
 * @param deterministic whether the run is bit-reproducible (pinned threads and flags), so {@code
 *     compare} demands exact equality
 * @param recipeHashes artifact role -> recipe hash (scores, lds ground truth, ablation model, ...)
 */
public record LeaderboardRow(
    String method,
    Estimate ldsGen,
    Estimate ldsVal,
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
    Map<String, String> recipeHashes) {

  public LeaderboardRow {
    ablation = Collections.unmodifiableMap(new LinkedHashMap<>(ablation));
    recipeHashes = Collections.unmodifiableMap(new TreeMap<>(recipeHashes));
  }

  /**
   * One metric's ablation cells.
   *
   * @param targetsAuc AUC vs random removal on targets (higher is better, 0.5 = random)
   * @param targetsRatio Ratio % on targets (negative is better)
   * @param controlsAuc AUC on controls (0.5 is ideal)
   * @param controlsRatio Ratio % on controls (0 is ideal)
   */
  public record AblationCells(Estimate targetsAuc, Estimate targetsRatio, Estimate controlsAuc,
      Estimate controlsRatio) {

    /** The cells of {@code metric} from an ablation analysis. */
    public static AblationCells of(MethodAblation m, String metric) {
      var t = m.result(metric, Group.TARGETS);
      var c = m.result(metric, Group.CONTROLS);
      return new AblationCells(t.auc(), t.ratio(), c.auc(), c.ratio());
    }
  }

  /**
   * The numbers behind a row.
   *
   * @param genTargets generated LDS targets
   * @param valTargets held-out LDS targets
   * @param subsets LDS subsets M (eval family)
   * @param seedsPerSubset retraining seeds per subset R
   * @param ablationTargets ablation targets, pooled over seeds
   * @param ablationControls ablation controls, pooled over seeds
   * @param ablationSeeds ablation seeds (independent pre/post model pairs)
   */
  public record Counts(int genTargets, int valTargets, int subsets, int seedsPerSubset, int ablationTargets,
      int ablationControls, int ablationSeeds) {}
}
