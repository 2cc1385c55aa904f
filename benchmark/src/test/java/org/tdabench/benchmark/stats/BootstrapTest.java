package org.tdabench.benchmark.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;

class BootstrapTest {
  private static final Bootstrap.Config CFG = new Bootstrap.Config(2000, 0.95);

  @Test
  void meanIntervalHasTheNormalTheoryWidth() {
    CounterRng rng = SeedTree.root(1).child("data").rng();
    double[] xs = new double[400];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = 5 + 2 * rng.nextGaussian();
    }
    Estimate e = new Bootstrap(CFG, SeedTree.root(1).child("boot")).mean(xs, "observations");
    double sd = Math.sqrt(java.util.Arrays.stream(xs).map(x -> (x - e.value()) * (x - e.value())).sum() / 399);
    double expectedHalf = 1.96 * sd / Math.sqrt(xs.length);
    assertEquals(expectedHalf, e.halfWidth(), 0.15 * expectedHalf, e.toString());
    assertTrue(e.contains(e.value()));
    assertTrue(e.interval().contains("over observations"), e.interval());
  }

  @Test
  void sameSeedSameIntervalOtherSeedOtherInterval() {
    double[] xs = {1.13, 4.71, 2.29, 8.03, 5.57, 7.61, 3.37, 3.05, 9.83, 0.41};
    Estimate a = new Bootstrap(CFG, SeedTree.root(7).child("x")).mean(xs, "x");
    Estimate b = new Bootstrap(CFG, SeedTree.root(7).child("x")).mean(xs, "x");
    Estimate c = new Bootstrap(CFG, SeedTree.root(8).child("x")).mean(xs, "x");
    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  @Test
  void constantSampleHasZeroWidth() {
    Estimate e = new Bootstrap(CFG, SeedTree.root(1)).mean(new double[] {2.5, 2.5, 2.5}, "x");
    assertEquals(2.5, e.lo(), 0);
    assertEquals(2.5, e.hi(), 0);
  }

  @Test
  void twoWayResamplesBothAxes() {
    // statistic depends only on the column draw: the interval must be as wide as a one-way column
    // bootstrap, and not collapse as it would if columns were not resampled
    double[] col = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    Bootstrap b = new Bootstrap(CFG, SeedTree.root(2));
    Estimate e = b.twoWay(5, col.length, (r, c) -> {
      double s = 0;
      for (int j : c) {
        s += col[j];
      }
      return s / c.length;
    }, "rows and columns");
    assertEquals(4.5, e.value(), 1e-12);
    assertTrue(e.hi() - e.lo() > 2.0, e.toString());
    assertEquals(5, e.n());
  }
}
