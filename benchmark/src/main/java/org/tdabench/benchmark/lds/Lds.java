package org.tdabench.benchmark.lds;

import org.tdabench.benchmark.stats.Spearman;

/**
 * The linear datamodeling score (Park et al. 2023; the recipe of
 * sail-sg/D-TRAK). For target t and subset j the prediction is g_j(t) = sum over i in S_j of
 * S[t][i] (scores: higher = more influential) and the ground truth L[j][t] is a loss (lower = better
 * fit), so LDS(t) = Spearman over j of (g_j(t), -L[j][t]), average ranks for ties. A perfect
 * attribution gives 1, random scores 0.
 *
 * <p>The mean over targets carries the variance-components interval of {@link LdsEstimate}; the
 * result keeps every target's correlation on all subsets and with each subset left out, so that two
 * methods can be compared paired, on the same subsets and targets ({@link LdsResult#minus}).
 *
 * <p>When a correlation is undefined (a method's predictions are constant over the subsets, e.g. an
 * all-zero score row) that target is left out of the mean and counted, never averaged in as 0.
 */
public final class Lds {
  private final double level;

  /** @param level the coverage of the intervals, e.g. 0.95 */
  public Lds(double level) {
    this.level = level;
  }

  /**
   * Scores one method.
   *
   * @param masks the family's M subsets of N training samples
   * @param groundTruth L[j][t], M x T, already averaged over retraining seeds
   * @param scores S[t][i], T x N
   */
  public LdsResult evaluate(SubsetMasks masks, double[][] groundTruth, float[][] scores) {
    Prepared p = prepare(masks, groundTruth, scores);
    int m = masks.subsets();
    int t = p.targets();
    double[] perTarget = new double[t];
    int[] all = identity(m);
    for (int k = 0; k < t; k++) {
      perTarget[k] = p.rho(k, all);
    }
    double[][] jack = new double[m][t];
    for (int j = 0; j < m; j++) {
      int[] without = new int[m - 1];
      for (int a = 0, b = 0; a < m; a++) {
        if (a != j) {
          without[b++] = a;
        }
      }
      for (int k = 0; k < t; k++) {
        jack[j][k] = m > 2 ? p.rho(k, without) : Double.NaN;
      }
    }
    return new LdsResult(masks.family(), perTarget, jack, LdsEstimate.of(perTarget, jack, level), m, level);
  }

  /** The mean LDS over defined targets, without intervals (for sweeps over many candidates). */
  public static double meanOnly(SubsetMasks masks, double[][] groundTruth, float[][] scores) {
    Prepared p = prepare(masks, groundTruth, scores);
    int[] all = identity(masks.subsets());
    double s = 0;
    int n = 0;
    for (int k = 0; k < p.targets(); k++) {
      double r = p.rho(k, all);
      if (!Double.isNaN(r)) {
        s += r;
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }

  /** Per-target correlations on all subsets (NaN: undefined), for criteria other than the mean. */
  public static double[] perTarget(SubsetMasks masks, double[][] groundTruth, float[][] scores) {
    Prepared p = prepare(masks, groundTruth, scores);
    int[] all = identity(masks.subsets());
    double[] r = new double[p.targets()];
    for (int k = 0; k < r.length; k++) {
      r[k] = p.rho(k, all);
    }
    return r;
  }

  /**
   * The predictions g_j(t) = sum_{i in S_j} S[t][i], as a T x M matrix. Sums are accumulated in
   * double precision: float32 sums can tie (or untie) subsets and change the ranks, so the exported
   * recipe says float64 too.
   */
  public static double[][] predictions(SubsetMasks masks, float[][] scores) {
    int m = masks.subsets();
    double[][] g = new double[scores.length][m];
    for (int j = 0; j < m; j++) {
      int[] members = masks.members(j);
      for (int t = 0; t < scores.length; t++) {
        float[] row = scores[t];
        double s = 0;
        for (int i : members) {
          s += row[i];
        }
        g[t][j] = s;
      }
    }
    return g;
  }

  private static Prepared prepare(SubsetMasks masks, double[][] groundTruth, float[][] scores) {
    int m = masks.subsets();
    int n = masks.trainingSize();
    if (groundTruth.length != m) {
      throw new IllegalArgumentException("ground truth has " + groundTruth.length + " rows for " + m + " subsets");
    }
    if (scores.length == 0) {
      throw new IllegalArgumentException("no targets");
    }
    int t = scores.length;
    for (float[] row : scores) {
      if (row.length != n) {
        throw new IllegalArgumentException("score row has " + row.length + " entries for " + n + " training samples");
      }
    }
    double[][] negLoss = new double[t][m];
    for (int j = 0; j < m; j++) {
      if (groundTruth[j].length != t) {
        throw new IllegalArgumentException("ground truth row " + j + " has " + groundTruth[j].length
            + " targets, scores have " + t);
      }
      for (int k = 0; k < t; k++) {
        negLoss[k][j] = -groundTruth[j][k];
      }
    }
    return new Prepared(predictions(masks, scores), negLoss);
  }

  /** Predictions and negated losses, both T x M. */
  private record Prepared(double[][] g, double[][] negLoss) {
    int targets() {
      return g.length;
    }

    double rho(int t, int[] subsetIdx) {
      double[] x = new double[subsetIdx.length];
      double[] y = new double[subsetIdx.length];
      for (int a = 0; a < subsetIdx.length; a++) {
        x[a] = g[t][subsetIdx[a]];
        y[a] = negLoss[t][subsetIdx[a]];
      }
      return Spearman.correlation(x, y);
    }
  }

  private static int[] identity(int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    return idx;
  }
}
