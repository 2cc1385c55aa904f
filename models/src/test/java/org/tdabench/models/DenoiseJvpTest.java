package org.tdabench.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tdabench.core.SeedTree;

class DenoiseJvpTest {
  /** The reference initialisation with every tensor (the zero-initialised ones too) perturbed. */
  static ModelWeights randomWeights(DitEdmModel m, long seed) {
    ModelWeights w = ModelWeights.initial(m.params(), SeedTree.root(seed));
    java.util.Map<String, float[]> out = new java.util.TreeMap<>();
    org.tdabench.core.CounterRng r = new org.tdabench.core.CounterRng(seed + 1);
    w.tensors().forEach((k, v) -> {
      float[] c = v.clone();
      for (int i = 0; i < c.length; i++) {
        c[i] += (float) (0.05 * r.nextGaussian());
      }
      out.put(k, c);
    });
    return new ModelWeights(out);
  }

  @Test
  void jvpMatchesCentralDifferences() {
    try (DitEdmModel m = DitEdmModel.create(TinyModels.tinySpec(), 1).withEvalBatch(4)) {
      m.load(randomWeights(m, 5));
      int d = m.spec().imageSize();
      int n = 3;
      float[] x = TinyModels.uniformImages(n, d, 2);
      float[] y = TinyModels.oneHot(n, m.spec().condDim());
      float[] v = TinyModels.gaussians(n * d, 3);
      double s = 0.8;
      float[][] r = m.denoiseJvp(x, y, v, s, n);
      double h = 1e-2;
      float[] xp = x.clone();
      float[] xm = x.clone();
      for (int i = 0; i < x.length; i++) {
        xp[i] += (float) (h * v[i]);
        xm[i] -= (float) (h * v[i]);
      }
      float[] dp = m.denoise(xp, y, s, n);
      float[] dm = m.denoise(xm, y, s, n);
      double num = 0;
      double den = 0;
      for (int i = 0; i < x.length; i++) {
        double fd = (dp[i] - dm[i]) / (2 * h);
        num += (fd - r[1][i]) * (fd - r[1][i]);
        den += fd * fd;
      }
      System.out.println("rel err " + Math.sqrt(num / den) + " norm " + Math.sqrt(den));
      assertTrue(Math.sqrt(num / den) < 1e-2);
    }
  }
}
