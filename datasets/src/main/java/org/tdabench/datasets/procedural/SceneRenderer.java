package org.tdabench.datasets.procedural;

import org.tdabench.core.CounterRng;
import org.tdabench.datasets.image.PixelImage;

/**
 * Renders a {@link Scene} to an RGB image: textured background, the shape antialiased by 4 x 4
 * supersampling, then Gaussian pixel noise. Uses {@link StrictMath} and plain double arithmetic
 * only, so the bytes are identical on every JVM and machine.
 */
public final class SceneRenderer {
  private static final int SUPERSAMPLE = 4;

  private SceneRenderer() {}

  /** Renders {@code s} at {@code resolution x resolution}. */
  public static PixelImage render(Scene s, int resolution) {
    int r = resolution;
    byte[] out = new byte[r * r * 3];
    double cos = StrictMath.cos(s.rotation());
    double sin = StrictMath.sin(s.rotation());
    CounterRng noise = new CounterRng(s.noiseKey());
    for (int py = 0; py < r; py++) {
      for (int px = 0; px < r; px++) {
        int hits = 0;
        for (int sy = 0; sy < SUPERSAMPLE; sy++) {
          for (int sx = 0; sx < SUPERSAMPLE; sx++) {
            double x = (px + (sx + 0.5) / SUPERSAMPLE) / r;
            double y = (py + (sy + 0.5) / SUPERSAMPLE) / r;
            double dx = (x - s.cx()) / s.size();
            double dy = (y - s.cy()) / s.size();
            double u = dx * cos + dy * sin;
            double v = -dx * sin + dy * cos;
            if (Shapes.inside(s.shape(), u, v)) {
              hits++;
            }
          }
        }
        double alpha = hits / (double) (SUPERSAMPLE * SUPERSAMPLE);
        double t = texture(s, (px + 0.5) / r, (py + 0.5) / r);
        int o = (py * r + px) * 3;
        for (int c = 0; c < 3; c++) {
          double bg = s.bg1()[c] * (1 - t) + s.bg2()[c] * t;
          double value = (bg * (1 - alpha) + s.fg()[c] * alpha) * 255.0 + s.noiseSigma() * noise.nextGaussian();
          out[o + c] = (byte) (int) Scene.clamp(StrictMath.rint(value), 0, 255);
        }
      }
    }
    return new PixelImage(r, r, 3, out);
  }

  /** Background mix weight in [0, 1] at (x, y). */
  static double texture(Scene s, double x, double y) {
    double along = (x - 0.5) * StrictMath.cos(s.angle()) + (y - 0.5) * StrictMath.sin(s.angle());
    return switch (s.texture()) {
      case 0 -> Scene.clamp(0.5 + along, 0, 1);
      case 1 -> 0.5 + 0.5 * StrictMath.sin(2 * Math.PI * (s.frequency() * along + s.phase()));
      case 2 -> {
        int k = (int) s.frequency() + 1;
        long cell = (long) StrictMath.floor(x * k + s.phase()) + (long) StrictMath.floor(y * k + s.phase());
        yield (cell & 1) == 0 ? 0.0 : 1.0;
      }
      default -> lattice(s.lattice(), x, y);
    };
  }

  /** Smoothly interpolated value noise on a 5 x 5 lattice over the unit square. */
  private static double lattice(double[] g, double x, double y) {
    int n = Scene.LATTICE - 1;
    double gx = Scene.clamp(x, 0, 1) * n;
    double gy = Scene.clamp(y, 0, 1) * n;
    int ix = Math.min((int) gx, n - 1);
    int iy = Math.min((int) gy, n - 1);
    double fx = smooth(gx - ix);
    double fy = smooth(gy - iy);
    int w = Scene.LATTICE;
    double a = g[iy * w + ix] * (1 - fx) + g[iy * w + ix + 1] * fx;
    double b = g[(iy + 1) * w + ix] * (1 - fx) + g[(iy + 1) * w + ix + 1] * fx;
    return a * (1 - fy) + b * fy;
  }

  private static double smooth(double t) {
    return t * t * (3 - 2 * t);
  }
}
