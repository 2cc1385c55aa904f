package org.tdabench.methods.gradient;

import java.util.Locale;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.tdabench.core.UserError;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.edm.KarrasSchedule;

/**
 * K noise levels, the EDM analogue of a DDPM timestep grid. A DDPM trains on t ~ U{0..999}, so
 * D-TRAK's uniform grid {0, 1000/K, ..} (and ReTrac's linspace(1, 999, 100)) is a quantile grid of
 * the training timestep law. An EDM model trains on log sigma ~ N(P_mean, P_std^2), so the
 * {@code training} grid takes that law's quantiles at the midpoints (i + 0.5) / K (the end points
 * 0 and 1 map to sigma 0 and infinity). The {@code karras} grid is the sampler's K-point schedule
 * instead (sigma_max down to sigma_min), the levels a generated image actually passed through.
 */
public final class SigmaGrid {
  private SigmaGrid() {}

  /** The grid {@code kind} ("training" or "karras") of {@code k} sigmas for the model {@code spec}. */
  public static double[] of(String kind, int k, ModelSpec spec) {
    if (k < 1) {
      throw new UserError("a sigma grid needs at least one sigma, got " + k);
    }
    String g = kind.trim().toLowerCase(Locale.ROOT);
    switch (g) {
      case "training" -> {
        NormalDistribution normal = new NormalDistribution(0, 1);
        double[] s = new double[k];
        for (int i = 0; i < k; i++) {
          double z = normal.inverseCumulativeProbability((i + 0.5) / k);
          s[i] = Math.exp(spec.edm().pMean() + spec.edm().pStd() * z);
        }
        return s;
      }
      case "karras" -> {
        return KarrasSchedule.sigmas(k, spec.sampler().sigmaMin(), spec.sampler().sigmaMax(), spec.sampler().rho());
      }
      default -> throw new UserError("sigma_grid must be 'training' or 'karras', got '" + kind + "'");
    }
  }
}
