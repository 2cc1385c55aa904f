package org.tdabench.benchmark.ablation;

/**
 * SSIM settings; {@link #DEFAULT} is the protocol's (the MUCS protocol, sony/mucs).
 *
 * @param window odd Gaussian window size (default 7)
 * @param sigma Gaussian standard deviation (default 1.5)
 * @param k1 luminance constant (default 0.01)
 * @param k2 contrast constant (default 0.03)
 * @param dataRange value range of the images (default 1, images in [0, 1])
 * @param cropBorder average only where the window fits without padding (default true)
 */
public record SsimConfig(int window, double sigma, double k1, double k2, double dataRange, boolean cropBorder) {
  public static final SsimConfig DEFAULT = new SsimConfig(7, 1.5, 0.01, 0.03, 1.0, true);

  public SsimConfig {
    if (window < 1 || window % 2 == 0) {
      throw new IllegalArgumentException("SSIM window must be odd and positive: " + window);
    }
    if (!(sigma > 0) || !(dataRange > 0)) {
      throw new IllegalArgumentException("SSIM sigma and data range must be positive");
    }
  }
}
