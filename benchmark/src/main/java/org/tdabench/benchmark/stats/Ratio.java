package org.tdabench.benchmark.stats;

import org.hipparchus.stat.descriptive.rank.Percentile;
import org.hipparchus.stat.descriptive.rank.Percentile.EstimationType;

/**
 * The MUCS "Ratio %" of a method's before/after similarities against random removal
 * (sony/mucs): r_i = 100 (sim_i / max(median(sim_random), 0.01) - 1), reported as the mean
 * of r with the interval mean +- 1.98 SE. Negative is better: the method's removal changed its
 * targets more than random removal did.
 *
 * <p>For distance metrics (pixel L2) the MUCS formula breaks (a clamp designed for similarities);
 * tdabench then negates r, r_i = -100 (d_i / max(median(d_random), 0.01) - 1), so that negative is
 * still better ({@link #distancePercent}).
 */
public final class Ratio {
  /** The MUCS interval factor (mean +- 1.98 SE). */
  public static final double SE_FACTOR = 1.98;
  /** The MUCS floor for the random median. */
  public static final double MEDIAN_FLOOR = 0.01;

  private Ratio() {}

  /** Ratio % for a similarity metric (higher = more alike). */
  public static Estimate similarityPercent(double[] method, double[] random) {
    return Estimate.meanWithSe(terms(method, random, 1.0), SE_FACTOR);
  }

  /** Ratio % for a distance metric (higher = more different), sign flipped so negative is better. */
  public static Estimate distancePercent(double[] method, double[] random) {
    return Estimate.meanWithSe(terms(method, random, -1.0), SE_FACTOR);
  }

  /** The median as numpy computes it (average of the middle two for even sizes). */
  public static double median(double[] xs) {
    if (xs.length == 0) {
      throw new IllegalArgumentException("median of nothing");
    }
    return new Percentile().withEstimationType(EstimationType.R_7).evaluate(xs, 50);
  }

  private static double[] terms(double[] method, double[] random, double sign) {
    double denom = Math.max(median(random), MEDIAN_FLOOR);
    double[] r = new double[method.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = sign * 100 * (method[i] / denom - 1);
    }
    return r;
  }
}
