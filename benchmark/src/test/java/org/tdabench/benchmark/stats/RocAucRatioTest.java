package org.tdabench.benchmark.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tdabench.core.SeedTree;

class RocAucRatioTest {
  @Test
  void aucCountsTiesAsHalf() {
    // numpy: np.mean([1.0 if p > q else 0.5 if p == q else 0.0
    //     for p, q in itertools.product(RANDOM, METHOD)])  (= sklearn roc_auc_score, random labelled 1)
    assertEquals(0.8791666666666667, RocAuc.auc(MannWhitneyTest.RANDOM, MannWhitneyTest.METHOD), 1e-12);
    assertEquals(1 - 0.8791666666666667, RocAuc.auc(MannWhitneyTest.METHOD, MannWhitneyTest.RANDOM), 1e-12);
    assertEquals(0.5, RocAuc.auc(new double[] {2, 2}, new double[] {2, 2, 2}), 0);
  }

  @Test
  void aucIntervalContainsPointAndIsReproducible() {
    Bootstrap b = new Bootstrap(new Bootstrap.Config(400, 0.95), SeedTree.root(3).child("auc"));
    Estimate e = RocAuc.withInterval(MannWhitneyTest.RANDOM, MannWhitneyTest.METHOD, b);
    assertEquals(0.8791666666666667, e.value(), 1e-12);
    assertEquals(true, e.lo() < e.value() && e.value() < e.hi(), e.toString());
    assertEquals(e, RocAuc.withInterval(MannWhitneyTest.RANDOM, MannWhitneyTest.METHOD, b));
  }

  @Test
  void ratioMatchesNumpy() {
    // numpy: med = np.median(RANDOM); r = 100 * (np.array(METHOD) / max(med, 0.01) - 1)
    //   r.mean() -> -13.672316384180794; 1.98 * r.std(ddof=1) / np.sqrt(len(r)) -> 6.47741174933405
    Estimate e = Ratio.similarityPercent(MannWhitneyTest.METHOD, MannWhitneyTest.RANDOM);
    assertEquals(-13.672316384180794, e.value(), 1e-10);
    assertEquals(6.47741174933405, e.halfWidth(), 1e-10);
    assertEquals(10, e.n());
  }

  @Test
  void ratioFloorsTheRandomMedianAndFlipsDistances() {
    Estimate e = Ratio.similarityPercent(new double[] {0.02}, new double[] {-0.5, 0.001, 0.3});
    assertEquals(100 * (0.02 / 0.01 - 1), e.value(), 1e-12);
    Estimate d = Ratio.distancePercent(new double[] {3, 5}, new double[] {1, 2, 3, 4});
    // median 2.5; r = -100 (d / 2.5 - 1) = {-20, -100}
    assertEquals(-60, d.value(), 1e-12);
  }

  @Test
  void overlapWithinAndAcross() {
    int[] a = {1, 2, 3, 4};
    int[] b = {3, 4, 5};
    int[] c = {9};
    assertEquals(100.0 * 2 / 3, Overlap.percent(a, b), 1e-12);
    assertEquals(0.0, Overlap.percent(a, c), 0);
    Estimate within = Overlap.withinPercent(java.util.List.of(a, b, c));
    assertEquals((100.0 * 2 / 3 + 0 + 0) / 3, within.value(), 1e-12);
    assertEquals(3, within.n());
    Estimate across = Overlap.acrossPercent(java.util.List.of(a, c), java.util.List.of(b, c));
    assertEquals((100.0 * 2 / 3 + 100) / 2, across.value(), 1e-12);
  }
}
