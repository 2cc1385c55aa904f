package org.tdabench.benchmark.ablation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopKTest {
  @Test
  void kIsTopkFactorPercentOfN() {
    assertEquals(1000, TopK.k(50_000, 2.0)); // MUCS CIFAR-10
    assertEquals(998, TopK.k(49_900, 2.0));
    assertEquals(3, TopK.k(150, 2.0));
    assertEquals(1, TopK.k(10, 2.0)); // at least one
    assertEquals(5, TopK.k(5, 1000.0)); // at most N
  }

  @Test
  void tiesGoToTheLowerId() {
    float[] s = {0.5f, 0.9f, 0.5f, 0.9f, 0.1f, 0.5f};
    assertArrayEquals(new int[] {1, 3, 0, 2}, TopK.of(s, 4));
    assertArrayEquals(new int[] {1}, TopK.of(s, 1));
  }

  @Test
  void nanScoresAreRejectedWithTheTarget() {
    float[][] s = {{1, 2}, {Float.NaN, 1}};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopK.perTarget(s, 1));
    assertEquals("target 1: NaN score for training sample 0", e.getMessage());
  }

  @Test
  void unionSizeAndKeepMask() {
    List<int[]> lists = List.of(new int[] {3, 1}, new int[] {1, 4}, new int[] {7, 3});
    RemovalSet r = RemovalSet.union(lists, 10);
    assertArrayEquals(new int[] {1, 3, 4, 7}, r.removed());
    assertEquals(4, r.size());
    assertEquals(0.4, r.fraction(), 1e-12);
    boolean[] keep = r.keepMask();
    assertEquals(false, keep[3]);
    assertEquals(true, keep[0]);
    // disjoint random lists: N (1 - (1 - k/N)^T)
    assertEquals(10 * (1 - Math.pow(0.8, 3)), r.expectedRandomSize(), 1e-12);
  }

  @Test
  void unionOfIdenticalListsIsOneList() {
    float[][] scores = {{3, 2, 1, 0}, {3, 2, 1, 0}, {3, 2, 1, 0}};
    RemovalSet r = RemovalSet.union(TopK.perTarget(scores, 2), 4);
    assertEquals(2, r.size());
    assertEquals(3, r.targets());
  }
}
