package org.tdabench.benchmark.lds;

import java.util.Locale;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.tdabench.benchmark.stats.Estimate;

/**
 * The mean LDS over targets with an interval whose label holds, from the variance components of the
 * design (every target is scored on the same subsets):
 *
 * <pre>
 *   r_t(S) = theta + a_t + b(S) + e_t(S)
 *   Var(mean) = sigma_b^2 + sigma_e^2 / T + sigma_a^2 / T
 * </pre>
 *
 * where b(S) is noise every target shares through the subsets (a subset model's overall fit, its
 * retraining luck), e_t(S) each target's own sampling noise and a_t the spread of targets. A
 * delete-one jackknife over subsets (targets fixed) estimates sigma_b^2 + sigma_e^2 / T; the
 * jackknife of each target's deviation from the mean estimates sigma_e^2; the between-target
 * variance net of it estimates sigma_a^2. Resampling targets alone misses sigma_b^2 (far too narrow
 * when noise is shared); resampling subsets and targets independently counts sigma_e^2 twice (too
 * wide for independent targets). Coverage is checked by simulation ({@code LdsCoverageTest}).
 *
 * <p>Targets whose correlation is undefined (constant predictions or losses) are left out of the mean
 * and counted, never averaged in as zeros.
 */
public final class LdsEstimate {
  private LdsEstimate() {}

  /** How the interval is described in result files. */
  public static final String METHOD = "mean +- z SE, SE from variance components: jackknife over subsets "
      + "+ between-target variance net of subset noise";

  /**
   * @param perTarget r_t on all M subsets (NaN: undefined)
   * @param jackknife r_t with subset j left out, [M][T] (NaN: undefined)
   * @param level interval coverage, e.g. 0.95
   */
  public static Estimate of(double[] perTarget, double[][] jackknife, double level) {
    return of(perTarget, jackknife, level, -1, 1);
  }

  /**
   * The same for a statistic bounded by [{@code min}, {@code max}] (a correlation: [-1, 1]; a
   * difference of two: [-2, 2]); the interval is clipped there, which never makes it miss the truth.
   */
  public static Estimate of(double[] perTarget, double[][] jackknife, double level, double min, double max) {
    int m = jackknife.length;
    int tAll = perTarget.length;
    boolean[] use = new boolean[tAll];
    int t = 0;
    for (int k = 0; k < tAll; k++) {
      use[k] = !Double.isNaN(perTarget[k]);
      t += use[k] ? 1 : 0;
    }
    String how = String.format(Locale.ROOT, "%s, %.0f%%", METHOD, 100 * level);
    if (t == 0) {
      return new Estimate(Double.NaN, Double.NaN, Double.NaN, 0, how);
    }
    double mean = 0;
    for (int k = 0; k < tAll; k++) {
      mean += use[k] ? perTarget[k] : 0;
    }
    mean /= t;
    if (m < 3) {
      return new Estimate(mean, Double.NaN, Double.NaN, t, how + " (needs 3 subsets)");
    }
    // A leave-one-out correlation that is undefined (a tie made a column constant) carries no
    // information: it counts as the full-sample value.
    double[][] jack = new double[m][tAll];
    for (int j = 0; j < m; j++) {
      for (int k = 0; k < tAll; k++) {
        jack[j][k] = Double.isNaN(jackknife[j][k]) ? perTarget[k] : jackknife[j][k];
      }
    }
    double[] mj = new double[m];
    for (int j = 0; j < m; j++) {
      double s = 0;
      for (int k = 0; k < tAll; k++) {
        s += use[k] ? jack[j][k] : 0;
      }
      mj[j] = s / t;
    }
    double vSub = jackknifeVariance(mj);
    // sigma_e^2: the jackknife variance of each target's deviation from the mean, averaged.
    double ve = 0;
    double[] dev = new double[m];
    for (int k = 0; k < tAll; k++) {
      if (!use[k]) {
        continue;
      }
      for (int j = 0; j < m; j++) {
        dev[j] = jack[j][k] - mj[j];
      }
      ve += jackknifeVariance(dev);
    }
    ve = t > 1 ? ve / t * t / (t - 1.0) : 0;
    double sT = 0;
    for (int k = 0; k < tAll; k++) {
      if (use[k]) {
        sT += (perTarget[k] - mean) * (perTarget[k] - mean);
      }
    }
    sT = t > 1 ? sT / (t - 1) : 0;
    double va = Math.max(0, sT - ve);
    double se = Math.sqrt(vSub + va / t);
    double z = new NormalDistribution().inverseCumulativeProbability(0.5 + level / 2);
    return new Estimate(mean, Math.max(min, mean - z * se), Math.min(max, mean + z * se), t, how);
  }

  /** Delete-one jackknife variance of a statistic from its leave-one-out values. */
  static double jackknifeVariance(double[] leaveOneOut) {
    int m = leaveOneOut.length;
    double mean = 0;
    for (double v : leaveOneOut) {
      mean += v;
    }
    mean /= m;
    double ss = 0;
    for (double v : leaveOneOut) {
      ss += (v - mean) * (v - mean);
    }
    return (m - 1.0) / m * ss;
  }

  /** The per-target difference of two methods' correlations (NaN where either is undefined). */
  public static double[] difference(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int k = 0; k < a.length; k++) {
      d[k] = a[k] - b[k];
    }
    return d;
  }

  /** The same for jackknife matrices [M][T]. */
  public static double[][] difference(double[][] a, double[][] b) {
    double[][] d = new double[a.length][];
    for (int j = 0; j < a.length; j++) {
      d[j] = difference(a[j], b[j]);
    }
    return d;
  }
}
