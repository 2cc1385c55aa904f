package org.tdabench.benchmark.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Reference values from this numpy/scipy implementation of the same definition (scipy 1.17, numpy
 * 2.4):
 *
 * <pre>
 * import numpy as np
 * from scipy.signal import correlate2d
 * def ssim(a, b, win=7, sigma=1.5, k1=0.01, k2=0.03, L=1.0, crop=True):
 *     p = (win - 1) // 2
 *     d = np.arange((1 - win) / 2, (1 + win) / 2, 1.0)
 *     g = np.exp(-((d / sigma) ** 2) / 2); g /= g.sum()
 *     K = np.outer(g, g)
 *     c1, c2 = (k1 * L) ** 2, (k2 * L) ** 2
 *     vals = []
 *     for ch in range(a.shape[2]):
 *         x = np.pad(a[:, :, ch].astype(np.float64), p, mode="reflect")
 *         y = np.pad(b[:, :, ch].astype(np.float64), p, mode="reflect")
 *         f = lambda z: correlate2d(z, K, mode="valid")
 *         mx, my, exx, eyy, exy = f(x), f(y), f(x * x), f(y * y), f(x * y)
 *         sx2 = np.maximum(exx - mx**2, 0); sy2 = np.maximum(eyy - my**2, 0); sxy = exy - mx * my
 *         m = ((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx**2 + my**2 + c1) * (sx2 + sy2 + c2))
 *         if crop:
 *             m = m[p:-p, p:-p]
 *         vals.append(m)
 *     return float(np.mean(vals))
 * Y, X, C = np.meshgrid(np.arange(9), np.arange(10), np.arange(3), indexing="ij")
 * a = (0.5 + 0.45 * np.sin(0.7 * X + 1.3 * Y + 0.9 * C)).astype(np.float32)
 * b = np.clip(a + 0.15 * np.cos(1.1 * X - 0.6 * Y + 2.0 * C), 0, 1).astype(np.float32)
 * Y2, X2 = np.meshgrid(np.arange(8), np.arange(8), indexing="ij")
 * u = (((X2 * 3 + Y2 * 5) % 7) / 6.0).astype(np.float32)[:, :, None]
 * v = (((X2 * 5 + Y2 * 3) % 7) / 6.0).astype(np.float32)[:, :, None]
 * ssim(a, b), ssim(u, v), ssim(a, a), ssim(a, b, win=11, crop=False)
 * float(np.linalg.norm((2*a.astype(np.float64)-1) - (2*b.astype(np.float64)-1)))
 * </pre>
 */
class SsimTest {
  static Images smooth(boolean perturbed) {
    int h = 9;
    int w = 10;
    int c = 3;
    float[] d = new float[h * w * c];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int ch = 0; ch < c; ch++) {
          float a = (float) (0.5 + 0.45 * Math.sin(0.7 * x + 1.3 * y + 0.9 * ch));
          double v = perturbed ? Math.min(1, Math.max(0, a + 0.15 * Math.cos(1.1 * x - 0.6 * y + 2.0 * ch))) : a;
          d[(y * w + x) * c + ch] = (float) v;
        }
      }
    }
    return new Images(1, h, w, c, d);
  }

  static Images stripes(int p, int q) {
    float[] d = new float[64];
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        d[y * 8 + x] = (float) (((x * p + y * q) % 7) / 6.0);
      }
    }
    return new Images(1, 8, 8, 1, d);
  }

  @Test
  void matchesNumpyReference() {
    Ssim ssim = new Ssim();
    assertEquals(0.9512963123539895, ssim.compute(smooth(false), 0, smooth(true), 0), 1e-7);
    assertEquals(-0.2897293834064003, ssim.compute(stripes(3, 5), 0, stripes(5, 3), 0), 1e-7);
  }

  @Test
  void uncroppedElevenWindowVariantMatchesToo() {
    Ssim ssim = new Ssim(new SsimConfig(11, 1.5, 0.01, 0.03, 1.0, false));
    assertEquals(0.9509675349932759, ssim.compute(smooth(false), 0, smooth(true), 0), 1e-7);
  }

  @Test
  void identicalImagesGiveOne() {
    Ssim ssim = new Ssim();
    assertEquals(1.0, ssim.compute(smooth(true), 0, smooth(true), 0), 1e-12);
    assertEquals(1.0, ssim.compute(stripes(3, 5), 0, stripes(3, 5), 0), 1e-12);
  }

  @Test
  void symmetric() {
    Ssim ssim = new Ssim();
    assertEquals(ssim.compute(smooth(true), 0, smooth(false), 0), ssim.compute(smooth(false), 0, smooth(true), 0), 1e-15);
  }

  @Test
  void pixelL2MatchesNumpyOnSignedImages() {
    assertEquals(3.307350667144363, new PixelL2().compute(smooth(false), 0, smooth(true), 0), 1e-6);
    assertEquals(0.0, new PixelL2().compute(smooth(true), 0, smooth(true), 0), 0);
  }

  @Test
  void tooSmallImagesAreRejected() {
    Images tiny = new Images(1, 6, 6, 1, new float[36]);
    assertThrows(IllegalArgumentException.class, () -> new Ssim().compute(tiny, 0, tiny, 0));
  }

  @Test
  void reflectIndexing() {
    assertEquals(1, Ssim.reflect(-1, 5));
    assertEquals(3, Ssim.reflect(-3, 5));
    assertEquals(3, Ssim.reflect(5, 5));
    assertEquals(2, Ssim.reflect(2, 5));
  }
}
