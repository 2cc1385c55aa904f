package org.tdabench.benchmark.stats;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Overlap of top-k sets, |A and B| / min(|A|, |B|) in percent (sony/mucs): within a method
 * over all target pairs (j < k), and across two methods target by target. High within-method
 * overlap means a method removes fewer distinct images in the ablation, which is why the union size
 * is logged beside it. MUCS reports mean +- 1.98 SE over the pairs as if they were independent; but
 * every target takes part in T - 1 pairs, so the within-method interval here is a delete-one-target
 * jackknife (t quantile, T - 1 degrees of freedom), clipped to [0, 100].
 */
public final class Overlap {
  private Overlap() {}

  /** |A and B| / min(|A|, |B|) in percent; sets are arrays of distinct indices. */
  public static double percent(int[] a, int[] b) {
    if (a.length == 0 || b.length == 0) {
      return Double.NaN;
    }
    BitSet sa = toBits(a);
    int common = 0;
    BitSet seen = new BitSet();
    for (int i : b) {
      if (sa.get(i) && !seen.get(i)) {
        common++;
      }
      seen.set(i);
    }
    return 100.0 * common / Math.min(sa.cardinality(), seen.cardinality());
  }

  /** Mean overlap over all pairs j < k of one method's per-target sets (without the target {@code skip}). */
  static double withinMean(List<int[]> sets, int skip) {
    double s = 0;
    int n = 0;
    for (int j = 0; j < sets.size(); j++) {
      for (int k = j + 1; k < sets.size(); k++) {
        if (j != skip && k != skip) {
          s += percent(sets.get(j), sets.get(k));
          n++;
        }
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }

  /** Mean overlap over all pairs j < k of one method's per-target sets, with a jackknife interval over targets. */
  public static Estimate withinPercent(List<int[]> sets, double level) {
    int t = sets.size();
    double mean = withinMean(sets, -1);
    if (t < 3) {
      return new Estimate(mean, Double.NaN, Double.NaN, t, "needs 3 targets for an interval");
    }
    double[] loo = new double[t];
    double m = 0;
    for (int k = 0; k < t; k++) {
      loo[k] = withinMean(sets, k);
      m += loo[k] / t;
    }
    double ss = 0;
    for (double v : loo) {
      ss += (v - m) * (v - m);
    }
    double se = Math.sqrt((t - 1.0) / t * ss);
    double q = new org.hipparchus.distribution.continuous.TDistribution(t - 1).inverseCumulativeProbability(0.5 + level / 2);
    return new Estimate(mean, Math.max(0, mean - q * se), Math.min(100, mean + q * se), t,
        "jackknife over targets (t quantile), clipped to [0, 100]");
  }

  /** Mean over targets t of the overlap between method A's and method B's sets for t. */
  public static Estimate acrossPercent(List<int[]> a, List<int[]> b) {
    if (a.size() != b.size()) {
      throw new IllegalArgumentException("different numbers of targets: " + a.size() + " vs " + b.size());
    }
    double[] values = new double[a.size()];
    for (int t = 0; t < values.length; t++) {
      values[t] = percent(a.get(t), b.get(t));
    }
    return Estimate.meanWithSe(values, 1.98); // MUCS: mean +- 1.98 SE over targets (independent here)
  }

  private static BitSet toBits(int[] xs) {
    BitSet s = new BitSet();
    for (int x : xs) {
      s.set(x);
    }
    return s;
  }
}
