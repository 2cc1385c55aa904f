package org.tdabench.benchmark.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tdabench.core.SeedTree;

class RocAucRatioTest {
  static final double[] METHOD = {0.70, 0.85, 0.75, 0.80, 0.91, 0.62, 0.78, 0.85, 0.66, 0.72};
  static final double[] RANDOM = {0.91, 0.85, 0.85, 0.88, 0.95, 0.80, 0.91, 0.87, 0.90, 0.93, 0.85, 0.89};

  @Test
  void aucCountsTiesAsHalf() {
    // numpy: np.mean([1.0 if p > q else 0.5 if p == q else 0.0
    //     for p, q in itertools.product(RANDOM, METHOD)])  (= sklearn roc_auc_score, random labelled 1)
    assertEquals(0.8791666666666667, RocAuc.auc(RANDOM, METHOD), 1e-12);
    assertEquals(1 - 0.8791666666666667, RocAuc.auc(METHOD, RANDOM), 1e-12);
    assertEquals(0.5, RocAuc.auc(new double[] {2, 2}, new double[] {2, 2, 2}), 0);
  }

  @Test
  void ratioMatchesNumpy() {
    // numpy: med = np.median(RANDOM); r = 100 * (np.array(METHOD) / max(med, 0.01) - 1)
    //   r.mean() -> -13.672316384180794
    double[] r = Ratio.percent(METHOD, RANDOM);
    assertEquals(-13.672316384180794, java.util.Arrays.stream(r).average().orElseThrow(), 1e-10);
    assertEquals(10, r.length);
  }

  @Test
  void ratioFloorsTheRandomMedianAndKeepsTheSignOfDistances() {
    assertEquals(100 * (0.02 / 0.01 - 1), Ratio.percent(new double[] {0.02}, new double[] {-0.5, 0.001, 0.3})[0], 1e-12);
    // median 2.5; r = 100 (d / 2.5 - 1) = {20, 100}: larger distances, positive
    assertEquals(java.util.List.of(20.0, 100.0), java.util.Arrays.stream(Ratio.percent(new double[] {3, 5},
        new double[] {1, 2, 3, 4})).boxed().map(v -> Math.round(v * 1e9) / 1e9).toList());
  }

  @Test
  void seedIntervalIsStudentTAndAbsentForOneSeed() {
    Estimate e = SeedInterval.overSeeds(new double[] {0.6, 0.7, 0.8}, 0.95);
    // t(2, 0.975) = 4.302652729911275, se = 0.1 / sqrt(3)
    assertEquals(0.7, e.value(), 1e-12);
    assertEquals(4.302652729911275 * 0.1 / Math.sqrt(3), e.halfWidth(), 1e-9);
    assertTrue(Double.isNaN(SeedInterval.overSeeds(new double[] {0.6}, 0.95).lo()));
  }

  @Test
  void overlapWithinAndAcross() {
    int[] a = {1, 2, 3, 4};
    int[] b = {3, 4, 5};
    int[] c = {9};
    assertEquals(100.0 * 2 / 3, Overlap.percent(a, b), 1e-12);
    assertEquals(0.0, Overlap.percent(a, c), 0);
    Estimate within = Overlap.withinPercent(java.util.List.of(a, b, c), 0.95);
    assertEquals((100.0 * 2 / 3 + 0 + 0) / 3, within.value(), 1e-12);
    assertEquals(3, within.n());
    assertTrue(within.lo() >= 0 && within.hi() <= 100, "clipped to [0, 100]: " + within);
    Estimate across = Overlap.acrossPercent(java.util.List.of(a, c), java.util.List.of(b, c));
    assertEquals((100.0 * 2 / 3 + 100) / 2, across.value(), 1e-12);
  }
}
