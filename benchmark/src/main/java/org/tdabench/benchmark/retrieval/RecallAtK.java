package org.tdabench.benchmark.retrieval;

import java.util.Arrays;
import org.tdabench.benchmark.ablation.TopK;
import org.hipparchus.stat.interval.BinomialProportion;
import org.hipparchus.stat.interval.ConfidenceInterval;
import org.tdabench.benchmark.stats.Estimate;

/**
 * The self-retrieval check: training images (and planted near-duplicates)
 * are used as targets, and a sound method ranks the image itself and its duplicates at the top. For
 * target t with relevant training ids R_t, recall@k(t) = |top-k(t) and R_t| / min(|R_t|, k); the
 * check reports the mean over targets with a bootstrap interval over targets. Top-k uses the
 * ablation's ordering (descending score, ties to the lower id).
 */
public final class RecallAtK {
  private RecallAtK() {}

  /** Recall@k of every target; {@code relevant[t]} lists target t's own training id(s) and duplicates. */
  public static double[] perTarget(float[][] scores, int[][] relevant, int k) {
    if (scores.length != relevant.length) {
      throw new IllegalArgumentException(scores.length + " score rows for " + relevant.length + " relevant sets");
    }
    double[] out = new double[scores.length];
    for (int t = 0; t < scores.length; t++) {
      int[] rel = Arrays.stream(relevant[t]).distinct().toArray();
      if (rel.length == 0) {
        throw new IllegalArgumentException("target " + t + " has no relevant training id");
      }
      int[] top = TopK.of(scores[t], k);
      int hits = 0;
      for (int i : top) {
        for (int r : rel) {
          if (i == r) {
            hits++;
          }
        }
      }
      out[t] = (double) hits / Math.min(rel.length, k);
    }
    return out;
  }

  /**
   * Recall@k over all targets: relevant training images found in the top k, over all that could be
   * (min(relevant, k) per target), with a Wilson score interval. Unlike a bootstrap over a handful of
   * targets it never collapses to a zero-width interval when every target scores the same.
   */
  public static Estimate mean(float[][] scores, int[][] relevant, int k, double level) {
    double[] per = perTarget(scores, relevant, k);
    int hits = 0;
    int trials = 0;
    for (int t = 0; t < per.length; t++) {
      int possible = Math.min((int) Arrays.stream(relevant[t]).distinct().count(), k);
      hits += (int) Math.round(per[t] * possible);
      trials += possible;
    }
    ConfidenceInterval ci = BinomialProportion.getWilsonScoreInterval(trials, (double) hits / trials, level);
    return new Estimate((double) hits / trials, ci.getLowerBound(), ci.getUpperBound(), per.length,
        String.format(java.util.Locale.ROOT, "Wilson score %.0f%% over %d relevant images of %d targets", 100 * level,
            trials, per.length));
  }
}
