package org.tdabench.models.ensemble;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tdabench.core.SeedTree;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.TinyModels;
import org.tdabench.models.config.DitEdmConfig;
import org.tdabench.models.config.TrainConfig;
import org.tdabench.models.train.Trainer;
import org.tdabench.models.train.TrainingData;

/**
 * A tiny encoded ensemble (n = 4, six images) whose training set holds one distinctive image twice
 * (a planted duplicate). For a generated sample that looks like the duplicate, the exact
 * counterfactual that drops every member that saw either copy moves the sample most, more than
 * dropping any other pair's members and more than dropping either copy alone (the other copy
 * still teaches the members that saw it).
 */
class PlantedDuplicateTest {
  static final int N = 6;
  // Members: 0 {s0, s3, s4}, 1 {s1, s4, s5}, 2 {s2, s3, s5}, 3 {s0, s1, s2}: member 3 never sees the duplicate.
  static final long[] CODES = {0b1001, 0b1010, 0b1100, 0b0101, 0b0011, 0b0110};

  @Test
  void droppingTheDuplicatePairsMembersMovesTheSampleMost() {
    DitEdmConfig a = TinyModels.tinySpec().arch();
    ModelSpec spec = new ModelSpec(new DitEdmConfig(a.imageChannels(), a.imageHeight(), a.imageWidth(), a.condDim(),
        a.frontendChannels(), a.frontendResample(), a.frontendKernel(), a.lastFactor(), a.patch(), a.extraTokens(),
        a.width(), a.depth(), a.heads(), a.mlpRatio(), 0.0, a.condWidth(), a.fourierFeatures()),
        TinyModels.tinySpec().edm(), TinyModels.tinySpec().sampler());
    int d = spec.imageSize();
    int cd = spec.condDim();
    float[] images = new float[N * d];
    for (int i = 0; i < N; i++) {
      for (int p = 0; p < d; p++) {
        int ch = p % 3;
        int col = (p / 3) % 8;
        int row = p / 24;
        images[i * d + p] = i >= 4
            ? (row % 2 == 0 ? 0.8f : -0.8f) // horizontal stripes: the duplicate (flip-invariant)
            : (float) (0.3 + 0.1 * Math.cos(0.5 * (i + 1) * (col + row)) - (ch == 1 ? 0.5 : 0)); // one smooth mode
      }
    }
    float[] conds = new float[N * cd];
    for (int i = 0; i < N; i++) {
      conds[i * cd] = 1f;
    }
    EnsembleCodes codes = EnsembleCodes.of(4, CODES);
    TrainConfig tc = new TrainConfig(3, 5e-3, 0.01, 0.9, 0.999, 1e-8, 100, 4, 1, 100, 0.9, 0.0, 0);
    List<ModelWeights> members = new ArrayList<>();
    for (int j = 0; j < 4; j++) {
      int[] rows = codes.rowsOf(j);
      float[] x = new float[rows.length * d];
      float[] y = new float[rows.length * cd];
      for (int k = 0; k < rows.length; k++) {
        System.arraycopy(images, rows[k] * d, x, k * d, d);
        System.arraycopy(conds, rows[k] * cd, y, k * cd, cd);
      }
      TrainingData data = TrainingData.ofArrays(x, y, d, cd, null);
      members.add(new Trainer(spec, tc, 1).train(data, data, SeedTree.root(3).child("member", j)).bestEma());
    }
    try (ModelMembers m = new ModelMembers(spec, members, 1, 16)) {
      EnsembleSampler sampler = new EnsembleSampler(m, spec.sampler());
      // Among a few noises, the one whose ensemble sample looks most like the duplicate.
      int noises = 12;
      long[] seeds = new long[noises];
      for (int s = 0; s < noises; s++) {
        seeds[s] = 1000 + s;
      }
      float[] eps = DitEdmModel.initialNoise(seeds, d);
      float[] y = new float[noises * cd];
      for (int s = 0; s < noises; s++) {
        y[s * cd] = 1f;
      }
      int[] group = new int[noises];
      double[][] uniform = new double[noises][];
      for (int s = 0; s < noises; s++) {
        group[s] = s;
        uniform[s] = codes.uniformWeights();
      }
      float[] samples = sampler.sample(eps, y, group, uniform);
      int best = 0;
      for (int s = 1; s < noises; s++) {
        if (dist(samples, s, images, 4, d) < dist(samples, best, images, 4, d)) {
          best = s;
        }
      }
      for (int i = 0; i < 4; i++) {
        assertTrue(dist(samples, best, images, 4, d) < dist(samples, best, images, i, d),
            "the chosen sample is nearest the duplicate among the training images");
      }
      float[] e1 = Arrays.copyOfRange(eps, best * d, (best + 1) * d);
      float[] y1 = Arrays.copyOfRange(y, best * cd, (best + 1) * cd);
      // A pair's counterfactual keeps the members that saw neither: one member here (unions of
      // two weight-2 codes of 4 bits cover 3 or 4 members); the duplicate pair's keeps member 3.
      double[][] keepOne = new double[4][4];
      for (int k = 0; k < 4; k++) {
        keepOne[k][k] = 1;
      }
      float[] cf = sampler.sample(e1, y1, new int[4], keepOne);
      float[] full = Arrays.copyOfRange(samples, best * d, (best + 1) * d);
      double[] moved = new double[4];
      for (int k = 0; k < 4; k++) {
        moved[k] = dist(cf, k, full, 0, d);
      }
      for (int k = 0; k < 3; k++) {
        assertTrue(moved[3] > moved[k], "dropping the duplicate pair's members moves the sample most: "
            + Arrays.toString(moved));
      }
      ExactCounterfactuals.Result single = ExactCounterfactuals.compute(m, spec.sampler(), codes, e1, y1, 1, 64, null);
      double[] loo = single.distances()[0];
      assertTrue(moved[3] > loo[4] && moved[3] > loo[5], "more than dropping either copy alone: " + moved[3] + " vs "
          + Arrays.toString(loo));
    }
  }

  private static double dist(float[] a, int ia, float[] b, int ib, int d) {
    double s = 0;
    for (int p = 0; p < d; p++) {
      double diff = a[ia * d + p] - b[ib * d + p];
      s += diff * diff;
    }
    return Math.sqrt(s);
  }
}
