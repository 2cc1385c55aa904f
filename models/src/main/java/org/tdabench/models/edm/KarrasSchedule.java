package org.tdabench.models.edm;

/**
 * The Karras et al. sigma grid: t_i = (smax^(1/rho) + i/(n-1) (smin^(1/rho) - smax^(1/rho)))^rho,
 * i = 0 .. n-1 (decreasing from sigmaMax to sigmaMin).
 */
public final class KarrasSchedule {
  private KarrasSchedule() {}

  public static double[] sigmas(int n, double sigmaMin, double sigmaMax, double rho) {
    double[] t = new double[n];
    double a = Math.pow(sigmaMax, 1 / rho);
    double b = Math.pow(sigmaMin, 1 / rho);
    for (int i = 0; i < n; i++) {
      double u = n == 1 ? 0 : (double) i / (n - 1);
      t[i] = Math.pow(a + u * (b - a), rho);
    }
    return t;
  }

  /** The sampler's grid: {@code steps} sigmas followed by a final 0. */
  public static double[] samplerGrid(int steps, double sigmaMin, double sigmaMax, double rho) {
    double[] s = sigmas(steps, sigmaMin, sigmaMax, rho);
    double[] t = new double[steps + 1];
    System.arraycopy(s, 0, t, 0, steps);
    return t;
  }

  /**
   * The MUCS scoring grid ({@code t_sched_infer}): the first {@code k} points of an
   * {@code int(k / fraction)}-point Karras grid; for k = 100 and fraction 0.7, sigmas 80 .. 0.31.
   */
  public static double[] topFraction(int k, double fraction, double sigmaMin, double sigmaMax, double rho) {
    int n = (int) (k / fraction);
    double[] all = sigmas(n, sigmaMin, sigmaMax, rho);
    double[] out = new double[k];
    System.arraycopy(all, 0, out, 0, k);
    return out;
  }
}
