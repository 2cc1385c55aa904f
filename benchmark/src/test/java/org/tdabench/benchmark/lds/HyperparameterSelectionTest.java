package org.tdabench.benchmark.lds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tdabench.core.SeedTree;

class HyperparameterSelectionTest {
  @Test
  void choosesOnTuneFamilyAndReportsEvalAndOptimisticSeparately() {
    int n = 80;
    int t = 6;
    SeedTree root = SeedTree.root(21);
    SyntheticDatamodel model = new SyntheticDatamodel(t, n, 9);
    SubsetMasks tune = SubsetSampler.draw(root, SubsetSampler.TUNE, 24, n, 0.5, null);
    SubsetMasks eval = SubsetSampler.draw(root, SubsetSampler.EVAL, 24, n, 0.5, null);
    double[][] tuneGt = model.groundTruth(tune, 1.0, 2);
    double[][] evalGt = model.groundTruth(eval, 1.0, 3);

    // "lambda" candidates: the truth blended with more and more noise
    float[][] noise = model.random(17);
    Map<String, float[][]> candidates = new LinkedHashMap<>();
    for (double w : new double[] {0.0, 0.5, 2.0, 8.0}) {
      float[][] s = model.scaled(1.0);
      for (int a = 0; a < t; a++) {
        for (int i = 0; i < n; i++) {
          s[a][i] += (float) (w * noise[a][i]);
        }
      }
      candidates.put("w=" + w, s);
    }
    TunedLds r = new HyperparameterSelection(new Lds(0.95)).select(candidates, "w=2.0", tune, tuneGt, eval, evalGt);
    assertEquals("w=0.0", r.chosen());
    assertEquals(4, r.tuneMeans().size());
    assertEquals(r.evalMeans().get(r.chosen()), r.eval().mean(), 1e-12);
    assertEquals(r.evalMeans().get(r.optimisticChoice()), r.optimistic(), 1e-12);
    assertTrue(r.optimistic() >= r.eval().mean());
    assertTrue(r.tuneMeans().get("w=8.0") < r.tuneMeans().get("w=0.5"));
    assertEquals(SubsetSampler.EVAL, r.eval().family());
  }

  @Test
  void refusesToTuneOnTheEvaluationFamily() {
    SubsetMasks eval = SubsetSampler.draw(SeedTree.root(1), SubsetSampler.EVAL, 4, 10, 0.5, null);
    HyperparameterSelection sel = new HyperparameterSelection(new Lds(0.95));
    assertThrows(IllegalArgumentException.class,
        () -> sel.select(Map.of("a", new float[1][10]), "a", eval, new double[4][1], eval, new double[4][1]));
  }

  @Test
  void exactTiesGoByTheLinearCriterionThenToTheDefaultNeverToTheFirst() {
    int n = 40;
    int t = 3;
    SeedTree root = SeedTree.root(5);
    SyntheticDatamodel model = new SyntheticDatamodel(t, n, 4);
    SubsetMasks tune = SubsetSampler.draw(root, SubsetSampler.TUNE, 4, n, 0.5, null);
    double[][] gt = model.groundTruth(tune, 1.0, 2);
    float[][] truth = model.scaled(1.0);
    // Positive scalings give the same ranks and the same Pearson: a pure tie, as equal lambdas can.
    Map<String, float[][]> same = new LinkedHashMap<>();
    same.put("lambda=0.01", model.scaled(1.0));
    same.put("lambda=1", model.scaled(2.0));
    same.put("lambda=100", model.scaled(3.0));
    assertEquals("lambda=1", HyperparameterSelection.choose(same, "lambda=1", tune, gt));
    // Same ranks but a better linear fit: the linear criterion decides, not the order.
    Map<String, float[][]> linear = new LinkedHashMap<>();
    float[][] bent = new float[t][n];
    for (int a = 0; a < t; a++) {
      for (int i = 0; i < n; i++) {
        bent[a][i] = Math.signum(truth[a][i]) * truth[a][i] * truth[a][i]; // monotone, not linear
      }
    }
    linear.put("lambda=0.01", bent);
    linear.put("lambda=1", truth);
    assertEquals(HyperparameterSelection.meanPearson(tune, gt, truth) > HyperparameterSelection.meanPearson(tune, gt,
        bent) ? "lambda=1" : "lambda=0.01", HyperparameterSelection.choose(linear, "lambda=0.01", tune, gt));
  }
}
