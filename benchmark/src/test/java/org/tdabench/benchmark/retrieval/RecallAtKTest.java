package org.tdabench.benchmark.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tdabench.benchmark.stats.Estimate;

class RecallAtKTest {
  @Test
  void countsRelevantIdsInTheTopK() {
    float[][] scores = {
        {0.9f, 0.1f, 0.8f, 0.0f}, // self 0 and duplicate 2 both on top
        {0.5f, 0.6f, 0.9f, 0.1f}, // self 1 ranked second
        {0.2f, 0.2f, 0.2f, 0.2f}}; // all tied: ties go to the lower id, self 3 is last
    int[][] relevant = {{0, 2}, {1}, {3}};
    assertArrayEquals(new double[] {1.0, 0.0, 0.0}, RecallAtK.perTarget(scores, relevant, 1));
    assertArrayEquals(new double[] {1.0, 1.0, 0.0}, RecallAtK.perTarget(scores, relevant, 2));
    // k = 2: target 0 finds 2 of 2, target 1 finds 1 of 1, target 2 finds 0 of 1: 3 of 4 overall
    Estimate e = RecallAtK.mean(scores, relevant, 2, 0.95);
    assertEquals(0.75, e.value(), 1e-12);
    assertTrue(e.lo() < 0.75 && e.hi() > 0.75 && e.lo() > 0 && e.hi() < 1, e.toString());
    // all hits: the interval still has a width (no zero-width bootstrap artefact)
    Estimate all = RecallAtK.mean(new float[][] {{1f, 0f}, {0f, 1f}}, new int[][] {{0}, {1}}, 1, 0.95);
    assertEquals(1.0, all.value());
    assertTrue(all.lo() < 0.5 && all.hi() == 1.0, all.toString());
    assertThrows(IllegalArgumentException.class, () -> RecallAtK.perTarget(scores, new int[][] {{0}, {}, {1}}, 1));
  }
}
