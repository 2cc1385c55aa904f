package org.tdabench.benchmark.lds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tdabench.benchmark.stats.Bootstrap;
import org.tdabench.core.SeedTree;

class LdsTest {
  static final int N = 120;
  static final int T = 12;
  static final int M = 40;
  static final SeedTree ROOT = SeedTree.root(11);
  static final Bootstrap.Config CFG = new Bootstrap.Config(300, 0.95);

  private final SyntheticDatamodel model = new SyntheticDatamodel(T, N, 5);
  private final SubsetMasks eval = SubsetSampler.draw(ROOT, SubsetSampler.EVAL, M, N, 0.5, null);
  // noise sd 2 against a signal sd of sqrt(60) ~ 7.7 per subset sum
  private final double[][] gt = model.groundTruth(eval, 2.0, 1);

  private LdsResult lds(float[][] scores) {
    return new Lds(CFG, ROOT.child("lds/bootstrap")).evaluate(eval, gt, scores);
  }

  @Test
  void trueInfluenceScoresNearOne() {
    LdsResult r = lds(model.scaled(1.0));
    assertTrue(r.mean() > 0.9, "LDS " + r.mean());
    assertTrue(r.overBoth().lo() > 0.85, r.overBoth().toString());
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
    assertTrue(r.overBoth().contains(0.0), r.overBoth().toString());
    assertTrue(r.overSubsets().contains(0.0), r.overSubsets().toString());
    assertTrue(r.overTargets().contains(0.0), r.overTargets().toString());
  }

  @Test
  void bothWayIntervalIsAtLeastAsWideAsTargetsAlone() {
    LdsResult r = lds(model.random(4));
    assertTrue(r.overBoth().hi() - r.overBoth().lo() >= 0.9 * (r.overTargets().hi() - r.overTargets().lo()),
        r.overBoth() + " vs " + r.overTargets());
  }

  @Test
  void constantScoresCountAsZeroAndAreReported() {
    float[][] zero = new float[T][N];
    LdsResult r = lds(zero);
    assertEquals(0.0, r.mean(), 0);
    assertEquals(T, r.undefinedTargets());
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
        () -> new Lds(CFG, ROOT).evaluate(eval, new double[M - 1][T], model.scaled(1)));
  }
}
