package org.tdabench.benchmark.stats;

import org.hipparchus.stat.correlation.SpearmansCorrelation;
import org.hipparchus.stat.ranking.NaNStrategy;
import org.hipparchus.stat.ranking.NaturalRanking;
import org.hipparchus.stat.ranking.TiesStrategy;

/**
 * Spearman's rank correlation with average ranks for ties, the convention of
 * {@code scipy.stats.spearmanr} that D-TRAK's LDS uses (sail-sg/D-TRAK). Computed by
 * Hipparchus ({@link SpearmansCorrelation} over {@link NaturalRanking} with
 * {@link TiesStrategy#AVERAGE}); NaN inputs are rejected rather than ranked.
 *
 * <p>When either input is constant the correlation is undefined and NaN is returned (scipy returns
 * NaN with a warning); callers decide how to aggregate such cases.
 */
public final class Spearman {
  private Spearman() {}

  /** The ranking used everywhere in tdabench: average ranks for ties, NaN is an error. */
  public static NaturalRanking ranking() {
    return new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);
  }

  /** Spearman's rho of two equally long samples (at least 2 values); NaN if either is constant. */
  public static double correlation(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("lengths differ: " + x.length + " vs " + y.length);
    }
    if (x.length < 2) {
      throw new IllegalArgumentException("Spearman needs at least 2 pairs, got " + x.length);
    }
    if (isConstant(x) || isConstant(y)) {
      return Double.NaN;
    }
    return new SpearmansCorrelation(ranking()).correlation(x, y);
  }

  static boolean isConstant(double[] x) {
    for (int i = 1; i < x.length; i++) {
      if (Double.compare(x[i], x[0]) != 0) {
        return false;
      }
    }
    return true;
  }
}
