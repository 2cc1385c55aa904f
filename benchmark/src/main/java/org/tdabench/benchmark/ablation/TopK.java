package org.tdabench.benchmark.ablation;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-target top-k selection for the retraining ablation (the MUCS
 * protocol, sony/mucs): k = round(topk_factor x 1 % of N), clamped to [1, N]; with topk_factor 2 and
 * CIFAR-10's N = 50,000 this gives MUCS's k = 1000.
 *
 * <p>Ordering: descending score; equal scores are broken by the <b>lower training id first</b>, so
 * the lists are deterministic even for methods with many ties (e.g. the condition baseline). NaN
 * scores are rejected: a method that produces them is broken, and ranking them silently would hide it.
 */
public final class TopK {
  /** The MUCS default topk_factor. */
  public static final double DEFAULT_FACTOR = 2.0;

  private TopK() {}

  /** k for a training set of {@code n} samples. */
  public static int k(int n, double topkFactor) {
    if (n < 1) {
      throw new IllegalArgumentException("empty training set");
    }
    if (!(topkFactor > 0)) {
      throw new IllegalArgumentException("topk_factor must be positive: " + topkFactor);
    }
    long k = Math.round(topkFactor * n / 100.0);
    return (int) Math.max(1, Math.min(n, k));
  }

  /** The indices of the k highest scores, highest first, ties to the lower index. */
  public static int[] of(float[] scores, int k) {
    if (k < 1 || k > scores.length) {
      throw new IllegalArgumentException("k = " + k + " outside [1, " + scores.length + "]");
    }
    Integer[] idx = new Integer[scores.length];
    for (int i = 0; i < scores.length; i++) {
      if (Float.isNaN(scores[i])) {
        throw new IllegalArgumentException("NaN score for training sample " + i);
      }
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, (a, b) -> {
      int c = Float.compare(scores[b], scores[a]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = idx[i];
    }
    return out;
  }

  /** The top-k list of every target (rows of a T x N score matrix). */
  public static List<int[]> perTarget(float[][] scores, int k) {
    List<int[]> out = new ArrayList<>(scores.length);
    for (int t = 0; t < scores.length; t++) {
      try {
        out.add(of(scores[t], k));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("target " + t + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
