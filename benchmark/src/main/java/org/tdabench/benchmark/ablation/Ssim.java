package org.tdabench.benchmark.ablation;

/**
 * Structural similarity as the MUCS evaluation computes it with torchmetrics'
 * {@code structural_similarity_index_measure} (sony/mucs), per image:
 *
 * <ol>
 *   <li>each channel is reflect-padded by p = (window - 1) / 2 (torch "reflect": the edge pixel is
 *       not repeated);
 *   <li>local means mu_x, mu_y and moments E[x^2], E[y^2], E[xy] come from a window x window Gaussian
 *       (outer product of the normalised 1-D kernel exp(-d^2 / (2 sigma^2)), d = -p..p), applied as a
 *       valid correlation, so the maps are H x W again;
 *   <li>sigma_x^2 = max(E[x^2] - mu_x^2, 0), likewise sigma_y^2, sigma_xy = E[xy] - mu_x mu_y;
 *   <li>SSIM map = (2 mu_x mu_y + C1)(2 sigma_xy + C2) / ((mu_x^2 + mu_y^2 + C1)(sigma_x^2 + sigma_y^2
 *       + C2)), C1 = (k1 L)^2, C2 = (k2 L)^2 with data range L;
 *   <li>the p-pixel border is cropped back off and the map averaged over the valid region and the
 *       channels.
 * </ol>
 *
 * <p>Caveat recorded for reproducers: torchmetrics releases since 0.11 size the Gaussian window from
 * sigma (int(3.5 sigma + 0.5) * 2 + 1 = 11 for sigma 1.5) and ignore {@code kernel_size}, and recent
 * releases average the full map without cropping. The protocol's 7 x 7 window with cropping is the
 * default here; {@link SsimConfig} exposes both choices.
 */
public final class Ssim implements SimilarityMetric {
  private final SsimConfig config;
  private final double[] kernel;

  public Ssim(SsimConfig config) {
    this.config = config;
    this.kernel = gaussian(config.window(), config.sigma());
  }

  public Ssim() {
    this(SsimConfig.DEFAULT);
  }

  @Override
  public String name() {
    return "ssim";
  }

  @Override
  public boolean isDistance() {
    return false;
  }

  @Override
  public double compute(Images before, int i, Images after, int j) {
    if (!before.sameShape(after)) {
      throw new IllegalArgumentException("SSIM of images with different shapes");
    }
    return ssim(before.data(), before.offset(i), after.data(), after.offset(j),
        before.height(), before.width(), before.channels());
  }

  /** SSIM of two HWC images stored at the given offsets. */
  public double ssim(float[] a, int offA, float[] b, int offB, int h, int w, int c) {
    int p = (config.window() - 1) / 2;
    if (h <= p || w <= p || (config.cropBorder() && (h <= 2 * p || w <= 2 * p))) {
      throw new IllegalArgumentException("image " + h + "x" + w + " too small for a " + config.window() + " window");
    }
    double c1 = Math.pow(config.k1() * config.dataRange(), 2);
    double c2 = Math.pow(config.k2() * config.dataRange(), 2);
    int y0 = config.cropBorder() ? p : 0;
    int x0 = config.cropBorder() ? p : 0;
    double sum = 0;
    long count = 0;
    double[] x = new double[h * w];
    double[] y = new double[h * w];
    for (int ch = 0; ch < c; ch++) {
      for (int r = 0; r < h; r++) {
        for (int q = 0; q < w; q++) {
          x[r * w + q] = a[offA + (r * w + q) * c + ch];
          y[r * w + q] = b[offB + (r * w + q) * c + ch];
        }
      }
      double[] xx = new double[h * w];
      double[] yy = new double[h * w];
      double[] xy = new double[h * w];
      for (int k = 0; k < h * w; k++) {
        xx[k] = x[k] * x[k];
        yy[k] = y[k] * y[k];
        xy[k] = x[k] * y[k];
      }
      double[] mx = blur(x, h, w, p);
      double[] my = blur(y, h, w, p);
      double[] exx = blur(xx, h, w, p);
      double[] eyy = blur(yy, h, w, p);
      double[] exy = blur(xy, h, w, p);
      for (int r = y0; r < h - y0; r++) {
        for (int q = x0; q < w - x0; q++) {
          int k = r * w + q;
          double mx2 = mx[k] * mx[k];
          double my2 = my[k] * my[k];
          double mxy = mx[k] * my[k];
          double sx2 = Math.max(exx[k] - mx2, 0);
          double sy2 = Math.max(eyy[k] - my2, 0);
          double sxy = exy[k] - mxy;
          sum += ((2 * mxy + c1) * (2 * sxy + c2)) / ((mx2 + my2 + c1) * (sx2 + sy2 + c2));
          count++;
        }
      }
    }
    return sum / count;
  }

  /** Separable Gaussian filter of an h x w plane, reflect-padded by p, output h x w. */
  private double[] blur(double[] src, int h, int w, int p) {
    double[] tmp = new double[h * w];
    for (int r = 0; r < h; r++) {
      for (int q = 0; q < w; q++) {
        double s = 0;
        for (int d = -p; d <= p; d++) {
          s += kernel[d + p] * src[r * w + reflect(q + d, w)];
        }
        tmp[r * w + q] = s;
      }
    }
    double[] out = new double[h * w];
    for (int r = 0; r < h; r++) {
      for (int q = 0; q < w; q++) {
        double s = 0;
        for (int d = -p; d <= p; d++) {
          s += kernel[d + p] * tmp[reflect(r + d, h) * w + q];
        }
        out[r * w + q] = s;
      }
    }
    return out;
  }

  /** torch/numpy "reflect" padding index: -1 -> 1, n -> n - 2. */
  static int reflect(int i, int n) {
    if (i < 0) {
      return -i;
    }
    if (i >= n) {
      return 2 * (n - 1) - i;
    }
    return i;
  }

  /** The normalised 1-D Gaussian over d = -(window-1)/2 .. (window-1)/2. */
  static double[] gaussian(int window, double sigma) {
    double[] g = new double[window];
    double total = 0;
    int p = (window - 1) / 2;
    for (int d = -p; d <= p; d++) {
      double v = Math.exp(-((d / sigma) * (d / sigma)) / 2);
      g[d + p] = v;
      total += v;
    }
    for (int k = 0; k < window; k++) {
      g[k] /= total;
    }
    return g;
  }
}
