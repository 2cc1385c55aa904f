package org.tdabench.benchmark.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tdabench.benchmark.stats.MannWhitney.Alternative;

class MannWhitneyTest {
  // Method similarities (x) and random-removal similarities (y), with ties within and across.
  static final double[] METHOD = {0.70, 0.85, 0.75, 0.80, 0.91, 0.62, 0.78, 0.85, 0.66, 0.72};
  static final double[] RANDOM = {0.91, 0.85, 0.85, 0.88, 0.95, 0.80, 0.91, 0.87, 0.90, 0.93, 0.85, 0.89};

  @Test
  void tiedSamplesMatchScipyAsymptotic() {
    // scipy 1.17: stats.mannwhitneyu(METHOD, RANDOM, alternative=ALT, method="asymptotic",
    //     use_continuity=True) -> statistic 14.5 and the p-values below.
    assertResult(14.5, 0.0014023050909408852, MannWhitney.test(METHOD, RANDOM, Alternative.LESS));
    assertResult(14.5, 0.9988739016605076, MannWhitney.test(METHOD, RANDOM, Alternative.GREATER));
    assertResult(14.5, 0.0028046101818817704, MannWhitney.test(METHOD, RANDOM, Alternative.TWO_SIDED));
  }

  @Test
  void smallTieFreeSamplesStillUseTheNormalApproximation() {
    double[] c = {1.5, 2.5, 3.1, 4.7, 0.2};
    double[] d = {2.2, 3.3, 5.9, 6.1, 7.4, 8.8};
    // scipy 1.17: stats.mannwhitneyu([1.5,2.5,3.1,4.7,0.2], [2.2,3.3,5.9,6.1,7.4,8.8],
    //     alternative=ALT, method="asymptotic", use_continuity=True)
    assertResult(4.0, 0.027617126859031914, MannWhitney.test(c, d, Alternative.LESS));
    assertResult(4.0, 0.9821181167045111, MannWhitney.test(c, d, Alternative.GREATER));
    assertResult(4.0, 0.05523425371806383, MannWhitney.test(c, d, Alternative.TWO_SIDED));
  }

  @Test
  void allTiedGivesOne() {
    double[] a = {1, 1, 1};
    assertEquals(1.0, MannWhitney.test(a, a, Alternative.LESS).p());
    assertEquals(1.0, MannWhitney.test(a, a, Alternative.TWO_SIDED).p());
  }

  private static void assertResult(double u, double p, MannWhitney.Result r) {
    assertEquals(u, r.u1(), 1e-12);
    assertEquals(p, r.p(), 1e-9 * Math.max(p, 1e-3));
  }
}
