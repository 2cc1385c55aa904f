package org.tdabench.benchmark.lds;

import org.tdabench.benchmark.stats.Estimate;

/**
 * The linear datamodeling score of one score matrix on one subset family.
 *
 * @param family the subset family the ground truth came from
 * @param perTarget LDS(t) for every target (undefined correlations counted as 0, see {@link Lds})
 * @param overSubsets mean LDS with a bootstrap interval resampling subsets (D-TRAK's interval)
 * @param overTargets mean LDS with a bootstrap interval resampling targets
 * @param overBoth mean LDS with a bootstrap interval resampling subsets and targets together; the
 *     interval the leaderboard shows
 * @param undefinedTargets targets whose correlation was undefined (constant predictions or outputs)
 * @param subsets number of subsets M
 */
public record LdsResult(
    String family,
    double[] perTarget,
    Estimate overSubsets,
    Estimate overTargets,
    Estimate overBoth,
    int undefinedTargets,
    int subsets) {

  /** The mean LDS over targets (the same point estimate in all three estimates). */
  public double mean() {
    return overBoth.value();
  }

  /** Number of targets T. */
  public int targets() {
    return perTarget.length;
  }
}
