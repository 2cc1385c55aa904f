package org.tdabench.benchmark.lds;

import org.tdabench.benchmark.stats.Estimate;

/**
 * The linear datamodeling score of one score matrix on one subset family.
 *
 * @param family the subset family the ground truth came from
 * @param perTarget LDS(t) on all subsets for every target (NaN: undefined correlation)
 * @param jackknife LDS(t) with subset j left out, [M][T] (what the interval and paired comparisons
 *     are computed from)
 * @param estimate the mean over defined targets with its {@link LdsEstimate} interval; its n is the
 *     number of defined targets
 * @param subsets number of subsets M
 * @param level the coverage of the intervals
 */
public record LdsResult(String family, double[] perTarget, double[][] jackknife, Estimate estimate, int subsets,
    double level) {

  /** The mean LDS over defined targets. */
  public double mean() {
    return estimate.value();
  }

  /** Number of targets T (defined or not). */
  public int targets() {
    return perTarget.length;
  }

  /** Targets whose correlation is undefined (constant predictions or losses): left out, counted. */
  public int undefinedTargets() {
    return perTarget.length - estimate.n();
  }

  /**
   * This method's LDS minus {@code other}'s on the same subsets and targets: the paired difference,
   * whose interval is narrower than two marginal ones because noise the two share through the
   * subsets and targets cancels.
   */
  public Estimate minus(LdsResult other) {
    if (other.perTarget.length != perTarget.length || other.jackknife.length != jackknife.length) {
      throw new IllegalArgumentException("paired LDS needs the same subsets and targets");
    }
    return LdsEstimate.of(LdsEstimate.difference(perTarget, other.perTarget),
        LdsEstimate.difference(jackknife, other.jackknife), level, -2, 2);
  }
}
