package org.tdabench.benchmark.lds;

import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;

/**
 * A linear datamodel whose true influence is known by construction: L_j(t) = -sum_{i in S_j}
 * theta[t][i] + noise, so theta itself is the perfect attribution.
 */
final class SyntheticDatamodel {
  final float[][] theta;

  SyntheticDatamodel(int targets, int n, long seed) {
    CounterRng rng = SeedTree.root(seed).child("theta").rng();
    theta = new float[targets][n];
    for (float[] row : theta) {
      rng.fillGaussian(row);
    }
  }

  /** Ground truth M x T for the given subsets, with Gaussian noise of standard deviation {@code noise}. */
  double[][] groundTruth(SubsetMasks masks, double noise, long seed) {
    CounterRng rng = SeedTree.root(seed).child("noise").rng();
    double[][] l = new double[masks.subsets()][theta.length];
    for (int j = 0; j < masks.subsets(); j++) {
      for (int t = 0; t < theta.length; t++) {
        double s = 0;
        for (int i : masks.members(j)) {
          s += theta[t][i];
        }
        l[j][t] = -s + noise * rng.nextGaussian();
      }
    }
    return l;
  }

  float[][] scaled(double factor) {
    float[][] out = new float[theta.length][];
    for (int t = 0; t < theta.length; t++) {
      out[t] = new float[theta[t].length];
      for (int i = 0; i < theta[t].length; i++) {
        out[t][i] = (float) (factor * theta[t][i]);
      }
    }
    return out;
  }

  float[][] random(long seed) {
    CounterRng rng = SeedTree.root(seed).child("random-scores").rng();
    float[][] out = new float[theta.length][theta[0].length];
    for (float[] row : out) {
      rng.fillGaussian(row);
    }
    return out;
  }
}
