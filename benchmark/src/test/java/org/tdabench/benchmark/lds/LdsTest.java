package org.tdabench.benchmark.lds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tdabench.core.SeedTree;

class LdsTest {
  static final int N = 120;
  static final int T = 12;
  static final int M = 40;
  static final SeedTree ROOT = SeedTree.root(11);

  private final SyntheticDatamodel model = new SyntheticDatamodel(T, N, 5);
  private final SubsetMasks eval = SubsetSampler.draw(ROOT, SubsetSampler.EVAL, M, N, 0.5, null);
  // noise sd 2 against a signal sd of sqrt(60) ~ 7.7 per subset sum
  private final double[][] gt = model.groundTruth(eval, 2.0, 1);

  private LdsResult lds(float[][] scores) {
    return new Lds(0.95).evaluate(eval, gt, scores);
  }

  @Test
  void trueInfluenceScoresNearOne() {
    LdsResult r = lds(model.scaled(1.0));
    assertTrue(r.mean() > 0.9, "LDS " + r.mean());
    assertTrue(r.estimate().lo() > 0.85, r.estimate().toString());
    assertEquals(T, r.targets());
    assertEquals(M, r.subsets());
    assertEquals(0, r.undefinedTargets());
    // scale does not matter to a rank correlation
    assertEquals(r.mean(), lds(model.scaled(7.5)).mean(), 1e-12);
  }

  @Test
  void negatedScoresNearMinusOne() {
    LdsResult r = lds(model.scaled(-1.0));
    assertTrue(r.mean() < -0.9, "LDS " + r.mean());
  }

  @Test
  void randomScoresIndistinguishableFromZero() {
    LdsResult r = lds(model.random(3));
    assertTrue(Math.abs(r.mean()) < 0.2, "LDS " + r.mean());
    assertTrue(r.estimate().contains(0.0), r.estimate().toString());
  }

  @Test
  void pairedDifferenceSeesWhatTwoMarginalIntervalsCannot() {
    LdsResult good = lds(model.scaled(1.0));
    LdsResult random = lds(model.random(4));
    var d = good.minus(random);
    assertEquals(good.mean() - random.mean(), d.value(), 1e-12);
    assertTrue(d.lo() > 0, d.toString());
    assertEquals(0.0, good.minus(good).value(), 0);
    assertEquals(0.0, good.minus(good).halfWidth(), 1e-12, "a method against itself has no uncertainty");
  }

  @Test
  void undefinedTargetsAreLeftOutAndCountedNeverAveragedAsZero() {
    float[][] zero = new float[T][N];
    LdsResult r = lds(zero);
    assertTrue(Double.isNaN(r.mean()));
    assertEquals(T, r.undefinedTargets());
    float[][] half = model.scaled(1.0);
    half[0] = new float[N];
    LdsResult h = lds(half);
    assertEquals(1, h.undefinedTargets());
    assertTrue(h.mean() > 0.9, "the zero row does not pull the mean toward 0: " + h.mean());
  }

  @Test
  void predictionsAreSubsetSums() {
    float[][] s = {{1, 2, 3, 4}};
    SubsetMasks masks = new SubsetMasks("eval", new boolean[][] {{true, false, true, false}, {false, true, true, true}});
    double[][] g = Lds.predictions(masks, s);
    assertEquals(4.0, g[0][0], 0);
    assertEquals(9.0, g[0][1], 0);
  }

  @Test
  void shapeMismatchIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> lds(new float[T][N - 1]));
    assertThrows(IllegalArgumentException.class,
        () -> new Lds(0.95).evaluate(eval, new double[M - 1][T], model.scaled(1)));
  }
}
