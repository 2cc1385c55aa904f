package org.tdabench.benchmark.stats;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Overlap of top-k sets, |A and B| / min(|A|, |B|) in percent (sony/mucs): within a method
 * over all target pairs (j < k), and across two methods target by target. Both are reported as the
 * mean with mean +- 1.98 SE, as MUCS does. High within-method overlap means a method removes fewer
 * distinct images in the ablation, which is why the union size is logged beside it.
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

  /** Mean overlap over all pairs j < k of one method's per-target sets. */
  public static Estimate withinPercent(List<int[]> sets) {
    List<Double> values = new ArrayList<>();
    for (int j = 0; j < sets.size(); j++) {
      for (int k = j + 1; k < sets.size(); k++) {
        values.add(percent(sets.get(j), sets.get(k)));
      }
    }
    return Estimate.meanWithSe(values.stream().mapToDouble(Double::doubleValue).toArray(), Ratio.SE_FACTOR);
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
    return Estimate.meanWithSe(values, Ratio.SE_FACTOR);
  }

  private static BitSet toBits(int[] xs) {
    BitSet s = new BitSet();
    for (int x : xs) {
      s.set(x);
    }
    return s;
  }
}
