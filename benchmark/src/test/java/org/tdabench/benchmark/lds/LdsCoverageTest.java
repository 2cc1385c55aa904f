package org.tdabench.benchmark.lds;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.tdabench.benchmark.stats.Estimate;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;

/**
 * The LDS interval means what its label says: on data simulated with a known truth, with the noise
 * structure measured on the small preset (noise shared by every target through the subsets, each
 * target's own noise, spread between targets, target-agnostic "popular" training images), the 95 %
 * interval of the mean and of the paired difference to random scores covers the truth 93-97 % of
 * the time. The truth, E[mean LDS] at this M and T, is computed by Monte Carlo.
 */
class LdsCoverageTest {
  static final int N = 80;

  /** One simulated benchmark: subsets, ground truth, a method's and random scores. */
  record World(SubsetMasks masks, double[][] gt, float[][] method, float[][] random) {}

  /**
   * @param shared SD of the subset-level loss shift every target shares (retraining luck)
   * @param popular weight of the target-agnostic influence component
   * @param noise SD of the method's score noise (lower = better method)
   */
  static World world(SeedTree s, int m, int t, double shared, double popular, double noise) {
    CounterRng r = s.rng();
    boolean[][] masks = new boolean[m][N];
    for (int j = 0; j < m; j++) {
      int[] perm = s.child("subset", j).rng().permutation(N);
      for (int a = 0; a < N / 2; a++) {
        masks[j][perm[a]] = true;
      }
    }
    double[] pop = new double[N];
    for (int i = 0; i < N; i++) {
      pop[i] = r.nextGaussian();
    }
    double[][] gt = new double[m][t];
    float[][] method = new float[t][N];
    float[][] random = new float[t][N];
    double[] u = new double[m];
    for (int j = 0; j < m; j++) {
      u[j] = shared * r.nextGaussian();
    }
    for (int k = 0; k < t; k++) {
      double strength = 0.5 + r.nextDouble(); // targets differ in how much data shapes them
      double[] w = new double[N];
      for (int i = 0; i < N; i++) {
        w[i] = strength * (popular * pop[i] + r.nextGaussian());
        method[k][i] = (float) (w[i] + noise * r.nextGaussian());
        random[k][i] = (float) r.nextGaussian();
      }
      for (int j = 0; j < m; j++) {
        double fit = 0;
        for (int i = 0; i < N; i++) {
          fit += masks[j][i] ? w[i] : 0;
        }
        gt[j][k] = -fit / Math.sqrt(N / 2.0) + u[j] + 1.5 * r.nextGaussian();
      }
    }
    return new World(new SubsetMasks("eval", masks), gt, method, random);
  }

  static void coverage(int m, int t, double shared, double popular, double noise, long seed) {
    Lds lds = new Lds(0.95);
    SeedTree root = SeedTree.root(seed);
    int truthDraws = 1500;
    double truthM = 0;
    double truthD = 0;
    for (int d = 0; d < truthDraws; d++) {
      World w = world(root.child("truth", d), m, t, shared, popular, noise);
      double a = Lds.meanOnly(w.masks(), w.gt(), w.method());
      truthM += a / truthDraws;
      truthD += (a - Lds.meanOnly(w.masks(), w.gt(), w.random())) / truthDraws;
    }
    int draws = 800;
    int coverM = 0;
    int coverD = 0;
    double width = 0;
    for (int d = 0; d < draws; d++) {
      World w = world(root.child("draw", d), m, t, shared, popular, noise);
      LdsResult a = lds.evaluate(w.masks(), w.gt(), w.method());
      LdsResult b = lds.evaluate(w.masks(), w.gt(), w.random());
      Estimate diff = a.minus(b);
      coverM += a.estimate().contains(truthM) ? 1 : 0;
      coverD += diff.contains(truthD) ? 1 : 0;
      width += a.estimate().halfWidth() / draws;
    }
    double cm = (double) coverM / draws;
    double cd = (double) coverD / draws;
    String what = String.format(Locale.ROOT, "M=%d T=%d shared=%.2f: truth %.3f (diff %.3f), half-width %.3f, "
        + "coverage %.3f (diff %.3f)", m, t, shared, truthM, truthD, width, cm, cd);
    System.out.println(what);
    assertTrue(cm >= 0.93 && cm <= 0.97, what);
    assertTrue(cd >= 0.93 && cd <= 0.97, what);
  }

  @Test
  void sharedSubsetNoiseFewTargets() {
    coverage(24, 12, 1.0, 0.6, 2.0, 11);
  }

  @Test
  void mostlyIndependentTargets() {
    coverage(16, 32, 0.2, 0.2, 1.0, 12);
  }
}
