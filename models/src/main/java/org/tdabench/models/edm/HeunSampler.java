package org.tdabench.models.edm;

import org.tdabench.models.config.SamplerConfig;

/**
 * The deterministic EDM sampler (Karras et al. 2022, Algorithm 1 with S_churn = 0): Euler steps on
 * dx/dt = (x - D(x; t)) / t along the Karras grid, with a Heun (second-order) correction on every
 * step but the last (the step to t = 0): 2 * steps - 1 denoiser calls. Sampling is a pure function
 * of the initial noise.
 */
public final class HeunSampler {
  private final SamplerConfig cfg;

  public HeunSampler(SamplerConfig cfg) {
    this.cfg = cfg;
  }

  public double[] grid() {
    return KarrasSchedule.samplerGrid(cfg.steps(), cfg.sigmaMin(), cfg.sigmaMax(), cfg.rho());
  }

  /**
   * Runs the sampler from unit-variance noise {@code eps} (flat NHWC, any number of images);
   * x_0 = sigmaMax * eps. Returns the final images (in the data scale, nominally [-1, 1]).
   */
  public float[] sample(float[] eps, Denoiser d) {
    double[] t = grid();
    int n = eps.length;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (t[0] * eps[i]);
    }
    float[] dCur = new float[n];
    float[] xNext = new float[n];
    for (int i = 0; i < t.length - 1; i++) {
      double tc = t[i];
      double tn = t[i + 1];
      float[] den = d.denoise(x, tc);
      for (int j = 0; j < n; j++) {
        dCur[j] = (float) ((x[j] - den[j]) / tc);
        xNext[j] = (float) (x[j] + (tn - tc) * dCur[j]);
      }
      if (i < t.length - 2) {
        float[] den2 = d.denoise(xNext, tn);
        for (int j = 0; j < n; j++) {
          double dPrime = (xNext[j] - den2[j]) / tn;
          xNext[j] = (float) (x[j] + (tn - tc) * (0.5 * dCur[j] + 0.5 * dPrime));
        }
      }
      float[] tmp = x;
      x = xNext;
      xNext = tmp;
    }
    return x;
  }
}
