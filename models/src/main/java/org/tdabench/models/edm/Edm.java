package org.tdabench.models.edm;

import org.tdabench.models.config.EdmConfig;

/**
 * EDM preconditioning and loss weighting (Karras et al. 2022, Table 1; the reference's
 * models/dit_edm.py): D(x; s) = c_skip x + c_out F(c_in x, c_noise), with
 * c_skip = sd^2 / (s^2 + sd^2), c_out = s sd / sqrt(s^2 + sd^2), c_in = 1 / sqrt(s^2 + sd^2),
 * c_noise = ln(s + 1e-6) / 4 (the reference adds 1e-6), and loss weight
 * lambda(s) = (s^2 + sd^2) / (s sd)^2.
 */
public final class Edm {
  private Edm() {}

  public static double cSkip(double s, double sd) {
    return sd * sd / (s * s + sd * sd);
  }

  public static double cOut(double s, double sd) {
    return s * sd / Math.sqrt(s * s + sd * sd);
  }

  public static double cIn(double s, double sd) {
    return 1.0 / Math.sqrt(s * s + sd * sd);
  }

  public static double cNoise(double s) {
    return Math.log(s + 1e-6) / 4.0;
  }

  public static double lossWeight(double s, double sd) {
    return (s * s + sd * sd) / ((s * sd) * (s * sd));
  }

  /** Training sigma for a standard-normal draw z: exp(P_std z + P_mean). */
  public static double trainingSigma(double z, EdmConfig c) {
    return Math.exp(c.pStd() * z + c.pMean());
  }

  /**
   * Expected loss of a network whose output is identically zero (D = c_skip (x + s e)), for data
   * whose per-pixel second moment is m2, at noise level s: (s^2 m2 + sd^4) / (sd^2 (s^2 + sd^2)).
   * Exactly 1 for m2 = sd^2 = 0.25 (sony/mucs).
   */
  public static double zeroOutputLoss(double s, double m2, double sd) {
    return (s * s * m2 + sd * sd * sd * sd) / (sd * sd * (s * s + sd * sd));
  }

  /**
   * E over training sigmas of {@link #zeroOutputLoss}: the analytic L_null. Integrated with
   * Gauss-Hermite-free midpoint quadrature over z in [-8, 8] (the tails are negligible).
   */
  public static double expectedZeroOutputLoss(double m2, EdmConfig c) {
    int n = 20000;
    double lo = -8;
    double hi = 8;
    double dz = (hi - lo) / n;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double z = lo + (i + 0.5) * dz;
      double pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
      sum += pdf * zeroOutputLoss(trainingSigma(z, c), m2, c.sigmaData()) * dz;
    }
    return sum;
  }
}
