package org.tdabench.benchmark.lds;

import org.tdabench.benchmark.stats.Bootstrap;
import org.tdabench.benchmark.stats.Spearman;
import org.tdabench.core.SeedTree;

/**
 * The linear datamodeling score (Park et al. 2023; the recipe of
 * sail-sg/D-TRAK). For target t and subset j the prediction is g_j(t) = sum over i in S_j of
 * S[t][i] (scores: higher = more influential) and the ground truth L[j][t] is a loss (lower = better
 * fit), so LDS(t) = Spearman over j of (g_j(t), -L[j][t]), average ranks for ties. A perfect
 * attribution gives 1, random scores 0.
 *
 * <p>When a correlation is undefined (a method's predictions are constant over the subsets, e.g. an
 * all-zero score row) LDS(t) counts as 0, i.e. no rank information, and the number of such targets is
 * reported. Bootstrap resamples follow the same rule.
 */
public final class Lds {
  private final Bootstrap.Config bootstrap;
  private final SeedTree seeds;

  /**
   * @param bootstrap resamples and level of the intervals
   * @param seeds the node the bootstrap draws from (e.g. {@code lds/bootstrap/<method>})
   */
  public Lds(Bootstrap.Config bootstrap, SeedTree seeds) {
    this.bootstrap = bootstrap;
    this.seeds = seeds;
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
    int undefined = 0;
    int[] all = identity(m);
    for (int k = 0; k < t; k++) {
      double rho = p.rho(k, all);
      if (Double.isNaN(rho)) {
        undefined++;
        rho = 0;
      }
      perTarget[k] = rho;
    }
    Bootstrap bSubsets = new Bootstrap(bootstrap, seeds.child("subsets"));
    Bootstrap bTargets = new Bootstrap(bootstrap, seeds.child("targets"));
    Bootstrap bBoth = new Bootstrap(bootstrap, seeds.child("both"));
    var overSubsets = bSubsets.oneWay(m, idx -> p.meanRho(idx, all(t)), "subsets").withN(t);
    var overTargets = bTargets.mean(perTarget, "targets");
    var overBoth = bBoth.twoWay(m, t, p::meanRho, "subsets and targets").withN(t);
    return new LdsResult(masks.family(), perTarget, overSubsets, overTargets, overBoth, undefined, m);
  }

  /** The mean LDS without intervals (for sweeps over many candidates). */
  public static double meanOnly(SubsetMasks masks, double[][] groundTruth, float[][] scores) {
    Prepared p = prepare(masks, groundTruth, scores);
    return p.meanRho(identity(masks.subsets()), identity(p.targets()));
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

    double meanRho(int[] subsetIdx, int[] targetIdx) {
      double s = 0;
      for (int t : targetIdx) {
        double r = rho(t, subsetIdx);
        s += Double.isNaN(r) ? 0 : r;
      }
      return s / targetIdx.length;
    }
  }

  private static int[] all(int n) {
    return identity(n);
  }

  private static int[] identity(int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    return idx;
  }
}
