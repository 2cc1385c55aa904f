package org.tdabench.benchmark.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tdabench.benchmark.stats.Bootstrap;
import org.tdabench.benchmark.stats.Estimate;
import org.tdabench.core.SeedTree;

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
    Estimate e = RecallAtK.mean(scores, relevant, 2, new Bootstrap(new Bootstrap.Config(100, 0.95), SeedTree.root(1)));
    assertEquals(2.0 / 3, e.value(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> RecallAtK.perTarget(scores, new int[][] {{0}, {}, {1}}, 1));
  }
}
