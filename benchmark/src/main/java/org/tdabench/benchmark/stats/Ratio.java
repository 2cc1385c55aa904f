package org.tdabench.benchmark.stats;

import org.hipparchus.stat.descriptive.rank.Percentile;
import org.hipparchus.stat.descriptive.rank.Percentile.EstimationType;

/**
 * The MUCS "Ratio %" of a method's before/after values against random removal (sony/mucs):
 * r_i = 100 (v_i / max(median(v_random), 0.01) - 1). For a similarity negative is better (the
 * method changed its targets more than random removal did). The formula is applied to distances
 * (pixel L2) unchanged, so there positive is better; the leaderboard's legend says which is which.
 */
public final class Ratio {
  /** The MUCS floor for the random median. */
  public static final double MEDIAN_FLOOR = 0.01;

  private Ratio() {}

  /** The per-image terms r_i. */
  public static double[] percent(double[] method, double[] random) {
    double denom = Math.max(median(random), MEDIAN_FLOOR);
    double[] r = new double[method.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = 100 * (method[i] / denom - 1);
    }
    return r;
  }

  /** The median as numpy computes it (average of the middle two for even sizes). */
  public static double median(double[] xs) {
    if (xs.length == 0) {
      throw new IllegalArgumentException("median of nothing");
    }
    return new Percentile().withEstimationType(EstimationType.R_7).evaluate(xs, 50);
  }
}
