package org.tdabench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tdabench.core.CounterRng;
import org.tdabench.models.config.EdmConfig;
import org.tdabench.models.edm.Edm;

@Tag("numerics")
class DitEdmModelTest {

  @Test
  void freshModelDenoisesToCskipTimesInput() {
    try (DitEdmModel m = TinyModels.fresh(1)) {
      int d = m.spec().imageSize();
      int n = 5;
      float[] x = TinyModels.uniformImages(n, d, 2);
      float[] y = TinyModels.oneHot(n, m.spec().condDim());
      double sigma = 0.7;
      float[] out = m.denoise(x, y, sigma, n);
      assertEquals(n * d, out.length);
      double cSkip = Edm.cSkip(sigma, 0.5);
      for (int i = 0; i < out.length; i++) {
        assertEquals(cSkip * x[i], out[i], 1e-5, "zero-initialised 'last' makes F = 0");
      }
    }
  }

  @Test
  void freshModelLossMatchesTheAnalyticZeroOutputLoss() {
    try (DitEdmModel m = TinyModels.fresh(3)) {
      int d = m.spec().imageSize();
      int n = 400;
      // Data with per-pixel second moment exactly 0.25: pixels +-0.5.
      float[] x = new float[n * d];
      CounterRng r = new CounterRng(9);
      for (int i = 0; i < x.length; i++) {
        x[i] = r.nextDouble() < 0.5 ? -0.5f : 0.5f;
      }
      float[] y = TinyModels.oneHot(n, m.spec().condDim());
      float[] sigma = new float[n];
      EdmConfig edm = m.spec().edm();
      for (int i = 0; i < n; i++) {
        sigma[i] = (float) Edm.trainingSigma(r.nextGaussian(), edm);
      }
      float[] eps = TinyModels.gaussians(n * d, 11);
      float[] l = m.losses(x, y, sigma, eps, n);
      double mean = 0;
      for (int i = 0; i < n; i++) {
        // Exact per-sample value for F = 0: lambda(s) mean((c_skip (x + s e) - x)^2).
        double cs = Edm.cSkip(sigma[i], 0.5);
        double se = 0;
        for (int j = 0; j < d; j++) {
          double diff = cs * (x[i * d + j] + sigma[i] * eps[i * d + j]) - x[i * d + j];
          se += diff * diff;
        }
        assertEquals(Edm.lossWeight(sigma[i], 0.5) * se / d, l[i], 1e-3 * Math.max(1, l[i]));
        mean += l[i] / n;
      }
      // In expectation the zero-output loss is exactly 1 when m2 = sigma_data^2 = 0.25.
      assertEquals(1.0, Edm.expectedZeroOutputLoss(0.25, edm), 1e-6);
      assertEquals(1.0, mean, 0.06);
    }
  }

  @Test
  void probeLossesEqualPairedLosses() {
    try (DitEdmModel m = TinyModels.fresh(4)) {
      perturb(m);
      int d = m.spec().imageSize();
      int n = 3;
      float[] x = TinyModels.uniformImages(n, d, 5);
      float[] y = TinyModels.oneHot(n, m.spec().condDim());
      ProbeSet probes = ProbeSet.mucs(4, 0.7, m.spec().sampler(), d, org.tdabench.core.SeedTree.root(1).child("probe"));
      long[] rows = {0};
      float[] grid = m.probeLosses(x, y, n, probes, counting(rows));
      assertEquals(n, rows[0], "progress counts every image once");
      for (int i = 0; i < n; i++) {
        float[] xi = new float[4 * d];
        float[] yi = new float[4 * m.spec().condDim()];
        for (int k = 0; k < 4; k++) {
          System.arraycopy(x, i * d, xi, k * d, d);
          System.arraycopy(y, i * m.spec().condDim(), yi, k * m.spec().condDim(), m.spec().condDim());
        }
        float[] paired = m.losses(xi, yi, probes.sigmas(), probes.eps(), 4);
        for (int k = 0; k < 4; k++) {
          assertEquals(paired[k], grid[i * 4 + k], 1e-4 * Math.max(1, paired[k]));
        }
      }
    }
  }

  @Test
  void samplerIsAPureFunctionOfTheSeed() {
    try (DitEdmModel m = TinyModels.fresh(6)) {
      perturb(m);
      int cd = m.spec().condDim();
      float[] y = TinyModels.oneHot(2, cd);
      float[] a = m.sample(m.initialNoise(new long[] {7, 8}), y, 2, m.spec().sampler());
      long[] evaluations = {0};
      float[] b = m.sample(m.initialNoise(new long[] {7, 8}), y, 2, m.spec().sampler(), counting(evaluations));
      assertEquals(DitEdmModel.samplerEvaluations(m.spec().sampler()), evaluations[0]);
      float[] c = m.sample(m.initialNoise(new long[] {9, 8}), y, 2, m.spec().sampler());
      assertArrayEquals(a, b);
      int d = m.spec().imageSize();
      boolean firstDiffers = false;
      for (int i = 0; i < d; i++) {
        firstDiffers |= a[i] != c[i];
        assertEquals(a[d + i], c[d + i], "the second sample's noise is its own");
      }
      assertTrue(firstDiffers);
    }
  }

  /** Gives the zero-initialised layers non-zero weights so the network is not the identity. */
  static void perturb(DitEdmModel m) {
    ModelWeights w = m.weights();
    java.util.Map<String, float[]> rep = new java.util.LinkedHashMap<>();
    CounterRng r = new CounterRng(77);
    for (String name : w.names()) {
      float[] v = w.get(name).clone();
      for (int i = 0; i < v.length; i++) {
        v[i] += (float) (0.05 * r.nextGaussian());
      }
      rep.put(name, v);
    }
    m.load(w.with(rep));
    assertNotEquals(w.sha256(), m.weights().sha256());
  }

  /** A progress sink adding its steps into {@code sum[0]}. */
  private static org.tdabench.core.Progress counting(long[] sum) {
    return new org.tdabench.core.Progress() {
      @Override
      public void step(long n) {
        sum[0] += n;
      }

      @Override
      public void stepTo(long position) {
        sum[0] = position;
      }

      @Override
      public void maxHint(long max) {}

      @Override
      public void close() {}
    };
  }
}
