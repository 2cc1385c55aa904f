package org.tdabench.models.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tdabench.models.ProbeSet;
import org.tdabench.models.TinyModels;
import org.tdabench.models.config.SamplerConfig;
import org.tdabench.models.edm.Edm;
import org.tdabench.models.edm.HeunSampler;
import org.tdabench.core.SeedTree;

class EnsembleSamplingTest {
  static final int N = 4;
  static ModelMembers members;
  static SamplerConfig sampler;
  static int d;
  static int cd;

  @BeforeAll
  static void open() {
    members = new ModelMembers(EnsembleFixtures.spec(), EnsembleFixtures.members(N, 11), 1, 16);
    sampler = EnsembleFixtures.spec().sampler();
    d = members.imageSize();
    cd = members.condDim();
  }

  @AfterAll
  static void close() {
    members.close();
  }

  static double[] uniform() {
    double[] w = new double[N];
    Arrays.fill(w, 1.0 / N);
    return w;
  }

  static double maxAbs(float[] a, float[] b, int from, int to) {
    double m = 0;
    for (int i = from; i < to; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  @Test
  void uniformWeightsSampleEqualsTheMeanDenoiserSample() {
    int t = 2;
    float[] eps = TinyModels.gaussians(t * d, 5);
    float[] y = TinyModels.oneHot(t, cd);
    float[] ens = new EnsembleSampler(members, sampler).sample(eps, y, new int[] {0, 1},
        new double[][] {uniform(), uniform()});
    float[] mean = new HeunSampler(sampler).sample(eps, (x, s) -> {
      float[] acc = new float[x.length];
      for (int j = 0; j < N; j++) {
        float[] dj = members.denoise(j, x, y, s, t);
        for (int i = 0; i < acc.length; i++) {
          acc[i] += dj[i] / N;
        }
      }
      return acc;
    });
    double scale = maxAbs(ens, new float[ens.length], 0, ens.length);
    assertTrue(scale > 0.1, "a non-trivial sample");
    assertTrue(maxAbs(ens, mean, 0, ens.length) < 1e-4 * scale, "same sample as Heun with the members' mean");
  }

  @Test
  void batchedCounterfactualRowsEqualRowsSampledAlone() {
    // Rows of one group share the first call; each must still equal its own sampling.
    float[] eps = TinyModels.gaussians(d, 7);
    float[] y = TinyModels.oneHot(1, cd);
    double[][] w = {{0.5, 0.5, 0, 0}, {0, 0.5, 0, 0.5}, uniform(), {0, 0, 0.5, 0.5}};
    EnsembleSampler s = new EnsembleSampler(members, sampler);
    float[] all = s.sample(eps, y, new int[] {0, 0, 0, 0}, w);
    for (int r = 0; r < w.length; r++) {
      float[] alone = s.sample(eps, y, new int[] {0}, new double[][] {w[r]});
      float[] row = Arrays.copyOfRange(all, r * d, (r + 1) * d);
      assertTrue(maxAbs(row, alone, 0, d) < 1e-4, "row " + r);
    }
    float[] r0 = Arrays.copyOfRange(all, 0, d);
    float[] r1 = Arrays.copyOfRange(all, d, 2 * d);
    assertTrue(maxAbs(r0, r1, 0, d) > 1e-3, "different members give different samples");
  }

  /** The double-backward Jacobian-vector product of one member against central differences. */
  @Test
  void memberJvpMatchesCentralDifferences() {
    int n = 8; // the Jacobian test's row count: the same compiled graph
    float[] x = TinyModels.uniformImages(n, d, 2);
    float[] y = TinyModels.oneHot(n, cd);
    float[] v = TinyModels.gaussians(n * d, 3);
    double s = 0.8;
    float[][] r = members.denoiseJvp(1, x, y, v, s, n);
    double h = 1e-2;
    float[] xp = x.clone();
    float[] xm = x.clone();
    for (int i = 0; i < x.length; i++) {
      xp[i] += (float) (h * v[i]);
      xm[i] -= (float) (h * v[i]);
    }
    float[] dp = members.denoise(1, xp, y, s, n);
    float[] dm = members.denoise(1, xm, y, s, n);
    double num = 0;
    double den = 0;
    for (int i = 0; i < x.length; i++) {
      double fd = (dp[i] - dm[i]) / (2 * h);
      num += (fd - r[1][i]) * (fd - r[1][i]);
      den += fd * fd;
    }
    assertTrue(den > 1, "a non-trivial Jacobian");
    assertTrue(Math.sqrt(num / den) < 1e-2, "relative error " + Math.sqrt(num / den));
    float[] plain = members.denoise(1, x, y, s, n);
    assertTrue(maxAbs(plain, r[0], 0, plain.length) < 1e-4, "the JVP graph's D is the denoiser's");
  }

  @Test
  void firstOrderChangeMatchesFiniteDifferencesOfTheSampler() {
    int t = 2;
    float[] eps = TinyModels.gaussians(t * d, 13);
    float[] y = TinyModels.oneHot(t, cd);
    double[] u = uniform();
    SamplerJacobian.Result jr = new SamplerJacobian(members, sampler).run(eps, y, t, u);
    EnsembleSampler s = new EnsembleSampler(members, sampler);
    float[] x0 = s.sample(eps, y, new int[] {0, 1}, new double[][] {u, u});
    assertTrue(maxAbs(jr.samples(), x0, 0, x0.length) < 1e-4, "the Jacobian run follows the same trajectory");
    // Direction: drop members 0 and 2 (a counterfactual of a code 0101 sample), scaled down.
    double[] dw = {-0.25, 0.25, -0.25, 0.25};
    double h = 0.05;
    double[] wp = new double[N];
    double[] wm = new double[N];
    for (int k = 0; k < N; k++) {
      wp[k] = u[k] + h * dw[k];
      wm[k] = u[k] - h * dw[k];
    }
    float[] xp = s.sample(eps, y, new int[] {0, 1}, new double[][] {wp, wp});
    float[] xm = s.sample(eps, y, new int[] {0, 1}, new double[][] {wm, wm});
    for (int target = 0; target < t; target++) {
      float[] lin = FirstOrderInfluence.change(jr.jacobian()[target], dw);
      double num = 0;
      double den = 0;
      for (int p = 0; p < d; p++) {
        double fd = (xp[target * d + p] - xm[target * d + p]) / (2 * h);
        num += (fd - lin[p]) * (fd - lin[p]);
        den += fd * fd;
      }
      assertTrue(den > 1e-6, "the sample moves with the weights");
      assertTrue(Math.sqrt(num / den) < 0.02, "relative error " + Math.sqrt(num / den) + " of target " + target);
    }
    // The Gram-matrix norm equals the norm of the explicit change.
    EnsembleCodes codes = EnsembleCodes.of(4, new long[] {0b1010L, 0b0101L, 0b0011L});
    double[] dist = FirstOrderInfluence.distances(jr.jacobian()[0], codes);
    float[] lin = FirstOrderInfluence.change(jr.jacobian()[0], dw);
    double norm = 0;
    for (float v : lin) {
      norm += v * v;
    }
    assertEquals(Math.sqrt(norm), dist[0], 1e-4 * Math.sqrt(norm), "code 1010 drops members 1 and 3: dw = -dw above");
  }

  @Test
  void ensembleLossEqualsTheLossOfTheWeightedDenoiser() {
    int t = 2;
    float[] x = TinyModels.uniformImages(t, d, 3);
    float[] y = TinyModels.oneHot(t, cd);
    ProbeSet probes = ProbeSet.of(new double[] {0.3, 1.5, 6.0}, d, SeedTree.root(4));
    double[][][] q = EnsembleLoss.gram(members, x, y, t, probes, EnsembleFixtures.spec().edm());
    double[] w = {0.5, 0, 0, 0.5};
    for (int target = 0; target < t; target++) {
      double direct = 0;
      for (int p = 0; p < probes.size(); p++) {
        double s = probes.sigmas()[p];
        float[] noisy = new float[d];
        for (int i = 0; i < d; i++) {
          noisy[i] = (float) (x[target * d + i] + s * probes.eps()[p * d + i]);
        }
        float[] yt = Arrays.copyOfRange(y, target * cd, (target + 1) * cd);
        float[] a = members.denoise(0, noisy, yt, s, 1);
        float[] b = members.denoise(3, noisy, yt, s, 1);
        double se = 0;
        for (int i = 0; i < d; i++) {
          double diff = 0.5 * a[i] + 0.5 * b[i] - x[target * d + i];
          se += diff * diff;
        }
        direct += Edm.lossWeight(s, 0.5) * se / d / probes.size();
      }
      assertEquals(direct, EnsembleLoss.value(q[target], w), 1e-4 * direct);
    }
  }
}
