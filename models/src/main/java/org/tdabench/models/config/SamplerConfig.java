package org.tdabench.models.config;

/**
 * The deterministic EDM Heun sampler on the Karras grid (S_churn = 0).
 *
 * @param steps number of grid points before the final sigma = 0 (32)
 * @param sigmaMin smallest sigma of the grid (0.002)
 * @param sigmaMax largest sigma of the grid (80)
 * @param rho grid curvature (7)
 * @param cfg classifier-free guidance weight w in D = w D(x|y) + (1-w) D(x|null); 1 disables the
 *     extra pass (CIFAR-10 1.0, ArtBench-10 2.0, COCO 3.0)
 */
public record SamplerConfig(int steps, double sigmaMin, double sigmaMax, double rho, double cfg) {
  public static final SamplerConfig REFERENCE = new SamplerConfig(32, 0.002, 80, 7, 1.0);

  public SamplerConfig {
    DitEdmConfig.require(steps >= 2, "sampler steps must be >= 2, got " + steps);
    DitEdmConfig.require(sigmaMin > 0 && sigmaMax > sigmaMin,
        "sampler needs 0 < sigmaMin < sigmaMax, got " + sigmaMin + ", " + sigmaMax);
    DitEdmConfig.require(rho > 0, "rho must be positive, got " + rho);
  }

  public SamplerConfig withCfg(double w) {
    return new SamplerConfig(steps, sigmaMin, sigmaMax, rho, w);
  }

  public SamplerConfig withSteps(int n) {
    return new SamplerConfig(n, sigmaMin, sigmaMax, rho, cfg);
  }
}
