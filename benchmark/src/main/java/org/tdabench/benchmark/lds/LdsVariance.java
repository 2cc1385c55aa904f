package org.tdabench.benchmark.lds;

/**
 * The variance components behind a mean LDS (or a paired difference of two), measured on one run,
 * and the number of subsets a future run needs: with per-target correlations r_t(S) = theta + a_t +
 * b(S) + e_t(S) on M subsets and T targets,
 *
 * <pre>
 *   Var(mean) = V_sh(M) + (V_ind(M) + V_b) / T,   V_sh and V_ind proportional to 1 / (M - 1)
 * </pre>
 *
 * where V_sh (noise every target shares through the subsets) and V_ind (each target's own sampling
 * noise) come from the jackknife over subsets and V_b is the spread of targets. The shared part is
 * not reduced by more targets, only by more subsets.
 *
 * @param subsets M of the measuring run
 * @param targets T of the measuring run (defined targets)
 * @param mean the mean LDS (or difference)
 * @param shared V_sh at M
 * @param independent V_ind at M
 * @param between V_b
 */
public record LdsVariance(int subsets, int targets, double mean, double shared, double independent, double between) {

  /** The components of a result (or of a paired difference, via {@link LdsResult#minus}'s inputs). */
  public static LdsVariance of(double[] perTarget, double[][] jackknife) {
    int m = jackknife.length;
    int tAll = perTarget.length;
    int t = 0;
    double mean = 0;
    for (double v : perTarget) {
      if (!Double.isNaN(v)) {
        mean += v;
        t++;
      }
    }
    mean /= t;
    double[] mj = new double[m];
    double[][] jack = new double[m][tAll];
    for (int j = 0; j < m; j++) {
      double s = 0;
      for (int k = 0; k < tAll; k++) {
        jack[j][k] = Double.isNaN(jackknife[j][k]) ? perTarget[k] : jackknife[j][k];
        s += Double.isNaN(perTarget[k]) ? 0 : jack[j][k];
      }
      mj[j] = s / t;
    }
    double vSub = LdsEstimate.jackknifeVariance(mj);
    double ve = 0;
    double[] dev = new double[m];
    for (int k = 0; k < tAll; k++) {
      if (Double.isNaN(perTarget[k])) {
        continue;
      }
      for (int j = 0; j < m; j++) {
        dev[j] = jack[j][k] - mj[j];
      }
      ve += LdsEstimate.jackknifeVariance(dev);
    }
    ve = t > 1 ? ve / t * t / (t - 1.0) : 0;
    double sT = 0;
    for (double v : perTarget) {
      if (!Double.isNaN(v)) {
        sT += (v - mean) * (v - mean);
      }
    }
    sT = t > 1 ? sT / (t - 1) : 0;
    double shared = Math.max(0, vSub - ve / t);
    double between = Math.max(0, sT - ve);
    return new LdsVariance(m, t, mean, shared, ve, between);
  }

  /** The variance of the mean at {@code m} subsets and {@code t} targets. */
  public double variance(int m, int t) {
    double scale = (subsets - 1.0) / (m - 1.0);
    return shared * scale + (independent * scale + between) / t;
  }

  /**
   * The fewest subsets (at {@code t} targets) for a paired interval to exclude 0 when the true
   * difference is {@code delta}: with probability one half ({@code z} = 1.96) or 80 % ({@code z} =
   * 1.96 + 0.84); {@link Integer#MAX_VALUE} when more targets are needed first.
   */
  public int subsetsFor(double delta, int t, double z) {
    double target = Math.pow(delta / z, 2) - between / t;
    if (target <= 0) {
      return Integer.MAX_VALUE;
    }
    double need = (subsets - 1.0) * (shared + independent / t) / target;
    return (int) Math.ceil(need + 1);
  }
}
