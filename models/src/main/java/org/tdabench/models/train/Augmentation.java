package org.tdabench.models.train;

import org.tdabench.core.CounterRng;

/**
 * The reference's augmentation (EDM/ADA AugmentPipe with p = 0.12, lib/augment.py), applied on the
 * host to NHWC images in [-1, 1]:
 * <ul>
 *   <li>x-flip with a 50/50 coin on every image (the reference's multiplier 1e8 makes it always
 *       "fire"); flips are free and not signalled to the model;</li>
 *   <li>isotropic scale 2^(0.2 N(0,1)), rotation U(-pi, pi), anisotropic scale 2^(0.2 N(0,1))
 *       (about a random angle half the time) and translation N(0, 0.125 size), each with
 *       probability p, composed as ADA composes its inverse matrices;</li>
 *   <li>the flag a = 1 if any of these geometric transforms fired, else 0 ("non-leaking": the model
 *       learns what augmented images look like, and a = 0 asks for clean ones).</li>
 * </ul>
 * Documented deviation: resampling is bilinear with reflect padding; ADA's 2x sym6 wavelet
 * up/down-sampling around the bilinear step (anti-aliasing) is not reproduced.
 */
public final class Augmentation {
  private final double p;

  public Augmentation(double p) {
    this.p = p;
  }

  /**
   * Augments image {@code i} of {@code batch} in place (flat NHWC, h x w x c) using draws of
   * {@code rng}; returns the flag a.
   */
  public int apply(float[] batch, int offset, int h, int w, int c, CounterRng rng) {
    if (rng.nextInt(2) == 1) {
      flip(batch, offset, h, w, c);
    }
    if (p <= 0) {
      return 0;
    }
    double[] g = identity();
    boolean fired = false;
    // Isotropic scale.
    if (rng.nextDouble() < p) {
      double s = Math.pow(2, 0.2 * rng.nextGaussian());
      g = mul(g, scale(1 / s, 1 / s));
      fired = true;
    }
    // Arbitrary rotation.
    if (rng.nextDouble() < p) {
      double theta = (2 * rng.nextDouble() - 1) * Math.PI;
      g = mul(g, rotate(theta));
      fired = true;
    }
    // Anisotropic scale, about a random angle half the time.
    if (rng.nextDouble() < p) {
      double s = Math.pow(2, 0.2 * rng.nextGaussian());
      double r = rng.nextDouble() < 0.5 ? (2 * rng.nextDouble() - 1) * Math.PI : 0;
      g = mul(mul(mul(g, rotate(-r)), scale(1 / s, s)), rotate(r));
      fired = true;
    }
    // Fractional translation.
    if (rng.nextDouble() < p) {
      double tx = rng.nextGaussian() * 0.125 * w;
      double ty = rng.nextGaussian() * 0.125 * h;
      g = mul(g, translate(-tx, -ty));
      fired = true;
    }
    if (fired) {
      resample(batch, offset, h, w, c, g);
    }
    return fired ? 1 : 0;
  }

  static void flip(float[] x, int off, int h, int w, int c) {
    for (int y = 0; y < h; y++) {
      for (int a = 0, b = w - 1; a < b; a++, b--) {
        for (int ch = 0; ch < c; ch++) {
          int i = off + (y * w + a) * c + ch;
          int j = off + (y * w + b) * c + ch;
          float t = x[i];
          x[i] = x[j];
          x[j] = t;
        }
      }
    }
  }

  /** out(dst) = bilinear(in, G dst) in centred pixel coordinates, reflect padding. */
  static void resample(float[] x, int off, int h, int w, int c, double[] g) {
    float[] src = new float[h * w * c];
    System.arraycopy(x, off, src, 0, src.length);
    double cx = (w - 1) / 2.0;
    double cy = (h - 1) / 2.0;
    for (int oy = 0; oy < h; oy++) {
      for (int ox = 0; ox < w; ox++) {
        double dx = ox - cx;
        double dy = oy - cy;
        double sx = g[0] * dx + g[1] * dy + g[2] + cx;
        double sy = g[3] * dx + g[4] * dy + g[5] + cy;
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double fx = sx - x0;
        double fy = sy - y0;
        int xa = reflect(x0, w);
        int xb = reflect(x0 + 1, w);
        int ya = reflect(y0, h);
        int yb = reflect(y0 + 1, h);
        for (int ch = 0; ch < c; ch++) {
          double v = (1 - fy) * ((1 - fx) * src[(ya * w + xa) * c + ch] + fx * src[(ya * w + xb) * c + ch])
              + fy * ((1 - fx) * src[(yb * w + xa) * c + ch] + fx * src[(yb * w + xb) * c + ch]);
          x[off + (oy * w + ox) * c + ch] = (float) v;
        }
      }
    }
  }

  /** Reflection without repeating the edge pixel (index -1 -> 1), as ADA's reflect padding. */
  static int reflect(int i, int n) {
    if (n == 1) {
      return 0;
    }
    int period = 2 * (n - 1);
    int m = Math.floorMod(i, period);
    return m < n ? m : period - m;
  }

  static double[] identity() {
    return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
  }

  static double[] scale(double sx, double sy) {
    return new double[] {sx, 0, 0, 0, sy, 0, 0, 0, 1};
  }

  static double[] rotate(double t) {
    double cs = Math.cos(t);
    double sn = Math.sin(t);
    return new double[] {cs, -sn, 0, sn, cs, 0, 0, 0, 1};
  }

  static double[] translate(double tx, double ty) {
    return new double[] {1, 0, tx, 0, 1, ty, 0, 0, 1};
  }

  static double[] mul(double[] a, double[] b) {
    double[] o = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
          s += a[i * 3 + k] * b[k * 3 + j];
        }
        o[i * 3 + j] = s;
      }
    }
    return o;
  }
}
