package org.tdabench.methods.gradient;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How much the top-k lists of a score matrix repeat across targets: ReTrac's "dominating norm
 * effect", where a few training samples with large gradient norms top every target's list.
 * The top k of a row are its k largest scores, ties broken by the lower column.
 *
 * @param k list length
 * @param uniqueFraction |union of the lists| / min(N, T k): 1 when no two lists share a sample,
 *     min(N, k) / min(N, T k) when every list is the same
 * @param meanPairwiseOverlap mean over target pairs of |list_a & list_b| / k (0 with one target)
 * @param mostFrequent the training column that is in the most lists
 * @param mostFrequentLists in how many of the T lists it is
 */
public record TopKRepetition(int k, double uniqueFraction, double meanPairwiseOverlap, int mostFrequent,
    int mostFrequentLists) {

  /** The repetition of {@code scores} [targets][train] at list length k (capped at N). */
  public static TopKRepetition of(float[] scores, int targets, int train, int k) {
    int kk = Math.min(k, train);
    int[][] lists = new int[targets][];
    Set<Integer> union = new HashSet<>();
    Map<Integer, Integer> freq = new HashMap<>();
    for (int t = 0; t < targets; t++) {
      lists[t] = top(scores, t * train, train, kk);
      for (int i : lists[t]) {
        union.add(i);
        freq.merge(i, 1, Integer::sum);
      }
    }
    double overlap = 0;
    long pairs = 0;
    for (int a = 0; a < targets; a++) {
      Set<Integer> sa = new HashSet<>();
      for (int i : lists[a]) {
        sa.add(i);
      }
      for (int b = a + 1; b < targets; b++) {
        int common = 0;
        for (int i : lists[b]) {
          common += sa.contains(i) ? 1 : 0;
        }
        overlap += (double) common / kk;
        pairs++;
      }
    }
    int best = -1;
    int bestCount = 0;
    for (Map.Entry<Integer, Integer> e : freq.entrySet()) {
      if (e.getValue() > bestCount || e.getValue() == bestCount && e.getKey() < best) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    double unique = targets == 0 ? 1 : (double) union.size() / Math.min(train, (long) targets * kk);
    return new TopKRepetition(kk, unique, pairs == 0 ? 0 : overlap / pairs, best, bestCount);
  }

  /** Columns of the k largest values of row [offset, offset + n), ties to the lower column. */
  static int[] top(float[] s, int offset, int n, int k) {
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, (a, b) -> {
      int c = Float.compare(s[offset + b], s[offset + a]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = idx[i];
    }
    return out;
  }

  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("k", k);
    m.put("unique_fraction", uniqueFraction);
    m.put("mean_pairwise_overlap", meanPairwiseOverlap);
    m.put("most_frequent_column", mostFrequent);
    m.put("most_frequent_lists", mostFrequentLists);
    return m;
  }
}
