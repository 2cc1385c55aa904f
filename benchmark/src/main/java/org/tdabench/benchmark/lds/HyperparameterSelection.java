package org.tdabench.benchmark.lds;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hipparchus.stat.correlation.PearsonsCorrelation;

/**
 * Chooses a method's hyper-parameter (ridge lambda, step count, ...) by LDS on the tune family and
 * reports the choice's LDS on the eval family, so the reported number never saw its own subsets.
 * The optimistic value D-TRAK reports (best lambda on the evaluation subsets) is computed too, for
 * comparison, and labelled as such.
 *
 * <p>The criterion is the mean LDS on the tune family. With few tune subsets a rank correlation
 * takes few values and many candidates tie exactly; ties are broken by the mean Pearson correlation
 * of the same predictions and losses (continuous, so practically tie-free), and any tie left goes to
 * the method's default candidate, never to whichever candidate happens to come first (that was the
 * smallest lambda, chosen for TRAK on pure ties).
 */
public final class HyperparameterSelection {
  private static final double TIE = 1e-12;
  private final Lds lds;

  /** @param lds computes the eval-family results (and their intervals) */
  public HyperparameterSelection(Lds lds) {
    this.lds = lds;
  }

  /**
   * The candidate chosen on the tune family, its eval-family result, and the optimistic best-on-eval
   * candidate with its mean (computed for comparison only).
   *
   * @param candidates score matrices (T x N) by candidate name
   * @param defaultCandidate the method's own default (wins remaining ties), or null
   */
  public TunedLds select(Map<String, float[][]> candidates, String defaultCandidate, SubsetMasks tune,
      double[][] tuneGroundTruth, SubsetMasks eval, double[][] evalGroundTruth) {
    String chosen = choose(candidates, defaultCandidate, tune, tuneGroundTruth);
    return evaluate(chosen, candidates, tune, tuneGroundTruth, eval, evalGroundTruth);
  }

  /** The eval-family result of an already chosen candidate, with the tune means and the optimistic value. */
  public TunedLds evaluate(String chosen, Map<String, float[][]> candidates, SubsetMasks tune,
      double[][] tuneGroundTruth, SubsetMasks eval, double[][] evalGroundTruth) {
    Map<String, Double> tuneMeans = new LinkedHashMap<>();
    Map<String, Double> evalMeans = new LinkedHashMap<>();
    String optimistic = null;
    for (Map.Entry<String, float[][]> c : candidates.entrySet()) {
      tuneMeans.put(c.getKey(), Lds.meanOnly(tune, tuneGroundTruth, c.getValue()));
      double em = Lds.meanOnly(eval, evalGroundTruth, c.getValue());
      evalMeans.put(c.getKey(), em);
      if (optimistic == null || nanToMin(em) > nanToMin(evalMeans.get(optimistic))) {
        optimistic = c.getKey();
      }
    }
    LdsResult evalResult = lds.evaluate(eval, evalGroundTruth, candidates.get(chosen));
    return new TunedLds(chosen, tuneMeans, evalResult, evalMeans, optimistic, evalMeans.get(optimistic));
  }

  /** The candidate this method uses everywhere in a run (LDS, ablation, recall, ensembles). */
  public static String choose(Map<String, float[][]> candidates, String defaultCandidate, SubsetMasks tune,
      double[][] tuneGroundTruth) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no candidates to choose from");
    }
    if (!SubsetSampler.TUNE.equals(tune.family())) {
      throw new IllegalArgumentException("hyper-parameters are chosen on the tune family, not '" + tune.family() + "'");
    }
    String best = null;
    double bestRank = Double.NEGATIVE_INFINITY;
    double bestLinear = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, float[][]> c : candidates.entrySet()) {
      double rank = nanToMin(Lds.meanOnly(tune, tuneGroundTruth, c.getValue()));
      double linear = Double.NaN;
      boolean better;
      if (best == null || rank > bestRank + TIE) {
        better = true;
      } else if (rank < bestRank - TIE) {
        better = false;
      } else {
        linear = meanPearson(tune, tuneGroundTruth, c.getValue());
        if (Double.isNaN(bestLinear)) {
          bestLinear = meanPearson(tune, tuneGroundTruth, candidates.get(best));
        }
        better = linear > bestLinear + TIE
            || (Math.abs(linear - bestLinear) <= TIE && c.getKey().equals(defaultCandidate));
      }
      if (better) {
        best = c.getKey();
        bestRank = rank;
        bestLinear = Double.isNaN(linear) ? Double.NaN : linear;
      }
    }
    return best;
  }

  /** Mean over targets of Pearson(g_j(t), -L[j][t]) over the subsets (undefined targets skipped). */
  static double meanPearson(SubsetMasks masks, double[][] groundTruth, float[][] scores) {
    double[][] g = Lds.predictions(masks, scores);
    int m = masks.subsets();
    double s = 0;
    int n = 0;
    for (int t = 0; t < g.length; t++) {
      double[] y = new double[m];
      for (int j = 0; j < m; j++) {
        y[j] = -groundTruth[j][t];
      }
      double r = constant(g[t]) || constant(y) ? Double.NaN : new PearsonsCorrelation().correlation(g[t], y);
      if (!Double.isNaN(r)) {
        s += r;
        n++;
      }
    }
    return n == 0 ? Double.NEGATIVE_INFINITY : s / n;
  }

  private static boolean constant(double[] v) {
    for (double x : v) {
      if (Double.compare(x, v[0]) != 0) {
        return false;
      }
    }
    return true;
  }

  private static double nanToMin(double v) {
    return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
  }
}
