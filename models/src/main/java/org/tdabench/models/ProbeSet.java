package org.tdabench.models;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.tdabench.core.SeedTree;
import org.tdabench.models.config.SamplerConfig;
import org.tdabench.models.edm.KarrasSchedule;

/**
 * A fixed list of (sigma_k, eps_k) probes shared by every image, every model and every method that
 * asks for the same family ("noise-consistent"). {@code eps} holds K unit-normal images, flat NHWC;
 * eps_k is drawn from {@code seeds.child("eps", k)}, so a probe never depends on the others.
 */
public record ProbeSet(float[] sigmas, float[] eps, int imageSize) {

  public ProbeSet {
    if (eps.length != (long) sigmas.length * imageSize) {
      throw new IllegalArgumentException("eps must hold " + sigmas.length + " images of " + imageSize);
    }
  }

  public int size() {
    return sigmas.length;
  }

  /** Probes at the given sigmas, one seeded noise image each. */
  public static ProbeSet of(double[] sigmas, int imageSize, SeedTree seeds) {
    float[] s = new float[sigmas.length];
    float[] e = new float[sigmas.length * imageSize];
    for (int k = 0; k < sigmas.length; k++) {
      s[k] = (float) sigmas[k];
      seeds.child("eps", k).rng().fillGaussian(e, k * imageSize, imageSize);
    }
    return new ProbeSet(s, e, imageSize);
  }

  /**
   * The MUCS scoring probes ({@code t_sched_infer} 0.7): the first k sigmas of an int(k/0.7)-point
   * Karras grid of the model's sampler (sigma_min, sigma_max, rho; the reference reads them from
   * its sampler config, sony/mucs attribution/mucs.py), one noise each. With the reference sampler
   * (0.002, 80, 7) that is 80 down to about 0.31 for k = 100.
   */
  public static ProbeSet mucs(int k, double fraction, SamplerConfig sampler, int imageSize, SeedTree seeds) {
    return of(KarrasSchedule.topFraction(k, fraction, sampler.sigmaMin(), sampler.sigmaMax(), sampler.rho()),
        imageSize, seeds);
  }

  /**
   * {@code k} sigmas at the quantiles (i + 0.5)/k of the training log-normal, one noise each (a
   * probe family centred where the model was trained).
   */
  public static ProbeSet trainingQuantiles(int k, double pMean, double pStd, int imageSize, SeedTree seeds) {
    double[] s = new double[k];
    NormalDistribution normal = new NormalDistribution(0, 1);
    for (int i = 0; i < k; i++) {
      s[i] = Math.exp(pMean + pStd * normal.inverseCumulativeProbability((i + 0.5) / k));
    }
    return of(s, imageSize, seeds);
  }
}
