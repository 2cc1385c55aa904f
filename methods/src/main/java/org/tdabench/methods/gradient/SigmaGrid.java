package org.tdabench.methods.gradient;

import java.util.List;
import java.util.Locale;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.tdabench.core.UserError;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.edm.KarrasSchedule;

/**
 * K noise levels at which the gradient methods probe a sample, the EDM form of a DDPM timestep
 * grid. A DDPM timestep t noises as x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps, which is the EDM
 * noise level sigma_t = sqrt((1 - abar_t) / abar_t) after scaling by 1 / sqrt(abar_t), so a
 * reference's timestep grid maps to sigmas exactly. Kinds:
 *
 * <ul>
 *   <li>{@code uniform}: D-TRAK's and DAS's grid, t in {0, T/K, 2T/K, ..} of T = 1000 steps of the
 *       DDPM linear beta schedule 1e-4..0.02 (sail-sg/D-TRAK grad_unconditional.py
 *       {@code range(0, 1000, 1000 // K)}; Jinxu-Lin/DAS 03_grad.py): K = 10 spans sigma 0.010..61,
 *       across the whole schedule.
 *   <li>{@code retrac}: ReTrac's grid, t = int(linspace(1, 999, K)) of its cosine schedule with betas
 *       clipped to [1e-4, 0.02] as its DDIMScheduler does (txie1/diffusion-ReTrac
 *       diffusion_tracin.py, scheduler/ddim.py).
 *   <li>{@code training} (ours): midpoint quantiles (i + 0.5) / K of the EDM training law
 *       log sigma ~ N(P_mean, P_std^2). A DDPM trains on t ~ U{0..999}, so a uniform timestep grid
 *       is a quantile grid of the training law, and this is its EDM analogue (K = 10: sigma
 *       0.042..2.17): it probes the noise levels the model was trained on, not the high-noise end
 *       it rarely saw.
 *   <li>{@code karras}: the sampler's K-point schedule (sigma_max down to sigma_min), the levels a
 *       generated image passed through.
 * </ul>
 *
 * <p>Every gradient method defaults to {@code uniform}: on the tune subsets of the small preset it
 * did as well as {@code training} for TRAK, D-TRAK and DAS and better for TracIn and ReTrac (also
 * better than {@code retrac}); docs/fidelity.md has the numbers. For K not dividing 1000, D-TRAK's
 * {@code range} gives K + 1 timesteps; here always the first K.
 */
public final class SigmaGrid {
  private SigmaGrid() {}

  /** The kinds {@link #of} accepts. */
  public static final List<String> KINDS = List.of("uniform", "retrac", "training", "karras");

  /** DDPM steps of the references' schedules. */
  static final int DDPM_STEPS = 1000;

  /** {@code kind} normalised, or a one-line {@link UserError} naming the choices. */
  public static String kind(String kind) {
    String g = kind == null ? "" : kind.trim().toLowerCase(Locale.ROOT);
    if (!KINDS.contains(g)) {
      throw new UserError("sigma_grid must be one of " + String.join(", ", KINDS) + ", got '" + kind + "'");
    }
    return g;
  }

  /** The grid {@code kind} of {@code k} sigmas for the model {@code spec}. */
  public static double[] of(String kind, int k, ModelSpec spec) {
    if (k < 1) {
      throw new UserError("a sigma grid needs at least one sigma, got " + k);
    }
    return switch (kind(kind)) {
      case "uniform" -> {
        double[] abar = linearAlphaBar(DDPM_STEPS);
        double[] s = new double[k];
        int stride = Math.max(1, DDPM_STEPS / k);
        for (int i = 0; i < k; i++) {
          s[i] = ddpmSigma(abar[Math.min(i * stride, DDPM_STEPS - 1)]);
        }
        yield s;
      }
      case "retrac" -> {
        double[] abar = clippedCosineAlphaBar(DDPM_STEPS);
        double[] s = new double[k];
        for (int i = 0; i < k; i++) {
          double t = k == 1 ? 1 : 1 + (DDPM_STEPS - 2) * (double) i / (k - 1);
          s[i] = ddpmSigma(abar[(int) t]);
        }
        yield s;
      }
      case "training" -> {
        NormalDistribution normal = new NormalDistribution(0, 1);
        double[] s = new double[k];
        for (int i = 0; i < k; i++) {
          double z = normal.inverseCumulativeProbability((i + 0.5) / k);
          s[i] = Math.exp(spec.edm().pMean() + spec.edm().pStd() * z);
        }
        yield s;
      }
      default -> KarrasSchedule.sigmas(k, spec.sampler().sigmaMin(), spec.sampler().sigmaMax(), spec.sampler().rho());
    };
  }

  /** What a grid kind is, for the scores' metadata. */
  public static String describe(String kind) {
    return switch (kind(kind)) {
      case "uniform" -> "K uniform timesteps {0, 1000/K, ..} of the DDPM linear beta schedule as EDM sigmas "
          + "(D-TRAK, DAS)";
      case "retrac" -> "ReTrac's timesteps int(linspace(1, 999, K)) of its clipped cosine schedule as EDM sigmas";
      case "training" -> "K midpoint quantiles of the EDM training log-normal (ours)";
      default -> "the sampler's K-point Karras grid (ours)";
    };
  }

  /** sigma_t = sqrt((1 - abar_t) / abar_t). */
  static double ddpmSigma(double alphaBar) {
    return Math.sqrt((1 - alphaBar) / alphaBar);
  }

  /** abar_t of the DDPM linear schedule, betas linspace(1e-4, 0.02, T) (diffusers' DDPMScheduler default). */
  static double[] linearAlphaBar(int steps) {
    double[] abar = new double[steps];
    double prod = 1;
    for (int t = 0; t < steps; t++) {
      double beta = 1e-4 + (0.02 - 1e-4) * t / (steps - 1);
      prod *= 1 - beta;
      abar[t] = prod;
    }
    return abar;
  }

  /**
   * abar_t of ReTrac's cosine schedule: betas from the cosine abar (s = 0.008), clipped to
   * [1e-4, 0.02] (its DDIMScheduler passes its linear defaults as the clip bounds).
   */
  static double[] clippedCosineAlphaBar(int steps) {
    double[] f = new double[steps + 1];
    for (int i = 0; i <= steps; i++) {
      double c = Math.cos(((double) i / steps + 0.008) / 1.008 * Math.PI * 0.5);
      f[i] = c * c;
    }
    double[] abar = new double[steps];
    double prod = 1;
    for (int t = 0; t < steps; t++) {
      double beta = Math.min(0.02, Math.max(1e-4, 1 - f[t + 1] / f[t]));
      prod *= 1 - beta;
      abar[t] = prod;
    }
    return abar;
  }
}
