package org.tdabench.benchmark.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpearmanTest {
  @Test
  void matchesScipyWithTies() {
    double[] x = {1, 2, 2, 3, 5, 5, 5, 8, 9, 10};
    double[] y = {2, 1, 4, 4, 6, 5, 7, 7, 10, 9};
    // scipy 1.17: stats.spearmanr([1,2,2,3,5,5,5,8,9,10], [2,1,4,4,6,5,7,7,10,9]).statistic
    assertEquals(0.93812095999547, Spearman.correlation(x, y), 1e-12);
  }

  @Test
  void perfectAndReversedOrders() {
    double[] x = {3, 1, 4, 1.5, 9};
    double[] up = {30, 10, 40, 15, 90};
    double[] down = {-30, -10, -40, -15, -90};
    assertEquals(1.0, Spearman.correlation(x, up), 1e-15);
    assertEquals(-1.0, Spearman.correlation(x, down), 1e-15);
  }

  @Test
  void constantInputIsUndefined() {
    assertTrue(Double.isNaN(Spearman.correlation(new double[] {1, 2, 3}, new double[] {5, 5, 5})));
  }

  @Test
  void rejectsNanAndMismatchedLengths() {
    assertThrows(RuntimeException.class,
        () -> Spearman.correlation(new double[] {1, Double.NaN, 3}, new double[] {1, 2, 3}));
    assertThrows(IllegalArgumentException.class,
        () -> Spearman.correlation(new double[] {1, 2}, new double[] {1, 2, 3}));
  }
}
