package org.tdabench.benchmark.ablation;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * What one method's ablation removes: the union of all targets' top-k sets (the MUCS protocol
 * 3). Its size differs by method (overlapping lists remove less; disjoint random lists remove about
 * N (1 - (1 - k/N)^T)), so it is logged beside every ablation result (sony/mucs).
 *
 * @param removed sorted distinct training ids removed
 * @param trainingSize N
 * @param k the per-target list length
 * @param targets the number of targets whose lists were united
 */
public record RemovalSet(int[] removed, int trainingSize, int k, int targets) {

  /** The union of {@code topK} lists over a training set of {@code n} samples. */
  public static RemovalSet union(List<int[]> topK, int n) {
    if (topK.isEmpty()) {
      throw new IllegalArgumentException("no top-k lists");
    }
    BitSet bits = new BitSet(n);
    int k = topK.get(0).length;
    for (int[] list : topK) {
      if (list.length != k) {
        throw new IllegalArgumentException("top-k lists of different lengths: " + k + " and " + list.length);
      }
      for (int i : list) {
        if (i < 0 || i >= n) {
          throw new IllegalArgumentException("training id " + i + " outside [0, " + n + ")");
        }
        bits.set(i);
      }
    }
    return new RemovalSet(bits.stream().toArray(), n, k, topK.size());
  }

  /** Number of distinct training samples removed. */
  public int size() {
    return removed.length;
  }

  /** Fraction of the training set removed. */
  public double fraction() {
    return (double) removed.length / trainingSize;
  }

  /** Training-set membership after removal: true = kept for the retraining. */
  public boolean[] keepMask() {
    boolean[] keep = new boolean[trainingSize];
    Arrays.fill(keep, true);
    for (int i : removed) {
      keep[i] = false;
    }
    return keep;
  }

  /** The expected union size if every list were an independent uniform draw (random removal). */
  public double expectedRandomSize() {
    return trainingSize * (1 - Math.pow(1 - (double) k / trainingSize, targets));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RemovalSet r && Arrays.equals(r.removed, removed) && r.trainingSize == trainingSize
        && r.k == k && r.targets == targets;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(removed) * 31 + trainingSize;
  }

  @Override
  public String toString() {
    return "RemovalSet[" + size() + " of " + trainingSize + ", k=" + k + ", targets=" + targets + "]";
  }
}
