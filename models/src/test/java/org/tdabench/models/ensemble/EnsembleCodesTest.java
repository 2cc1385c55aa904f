package org.tdabench.models.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tdabench.core.SeedTree;
import org.tdabench.core.UserError;

class EnsembleCodesTest {

  @Test
  void codesAreUniqueWithWeightHalfAndSeeded() {
    EnsembleCodes c = EnsembleCodes.draw(256, 0, SeedTree.root(3).child("codes"));
    assertEquals(12, c.members(), "C(10,5) = 252 < 256 <= C(12,6) = 924");
    assertEquals(256, c.samples());
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < c.samples(); i++) {
      assertEquals(6, Long.bitCount(c.code(i)), "weight n/2");
      assertEquals(0, c.code(i) >>> 12, "only n bits");
      assertTrue(seen.add(c.code(i)), "unique");
    }
    assertArrayEquals(c.codes(), EnsembleCodes.draw(256, 0, SeedTree.root(3).child("codes")).codes(), "seeded");
    assertFalse(Arrays.equals(c.codes(), EnsembleCodes.draw(256, 0, SeedTree.root(4).child("codes")).codes()));
  }

  @Test
  void everyCodeIsReachableWhenNFillsTheCodeSpace() {
    // N = C(6, 3) = 20: the draw must be a permutation of all 20 codes (rejection would stall here).
    EnsembleCodes c = EnsembleCodes.draw(20, 6, SeedTree.root(1));
    Set<Long> all = new HashSet<>();
    for (long x : c.codes()) {
      all.add(x);
    }
    assertEquals(20, all.size());
  }

  @Test
  void memberJSeesExactlyTheSamplesWithBitJ() {
    EnsembleCodes c = EnsembleCodes.draw(70, 8, SeedTree.root(9));
    int[] seenBy = new int[c.samples()];
    for (int j = 0; j < c.members(); j++) {
      int[] rows = c.rowsOf(j);
      for (int i = 0; i < c.samples(); i++) {
        assertEquals(c.bit(i, j), Arrays.binarySearch(rows, i) >= 0);
      }
      for (int i : rows) {
        seenBy[i]++;
      }
    }
    for (int i = 0; i < c.samples(); i++) {
      assertEquals(4, seenBy[i], "every sample is seen by n/2 members");
      double[] w = c.withoutWeights(i);
      assertEquals(1.0, Arrays.stream(w).sum(), 1e-12);
      for (int j = 0; j < c.members(); j++) {
        assertEquals(c.bit(i, j) ? 0.0 : 0.25, w[j], 1e-12, "(1 - c_ij) / (n/2)");
      }
    }
  }

  @Test
  void smallestMemberCountsMatchThePaper() {
    assertEquals(16, EnsembleCodes.smallestMembers(10_000), "MNIST: C(16,8) = 12,870");
    assertEquals(20, EnsembleCodes.smallestMembers(60_000), "CIFAR-10: C(20,10) = 184,756");
    assertEquals(8, EnsembleCodes.smallestMembers(64));
    assertEquals(2, EnsembleCodes.smallestMembers(2));
    assertEquals(184_756L, EnsembleCodes.binomial(20, 10));
    assertEquals(118_264_581_564_861_424L, EnsembleCodes.binomial(60, 30));
  }

  @Test
  void impossibleMemberCountsFailClearly() {
    UserError e = assertThrows(UserError.class, () -> EnsembleCodes.draw(256, 10, SeedTree.root(1)));
    assertTrue(e.getMessage().contains("252") && e.getMessage().contains("at least 12"), e.getMessage());
    assertThrows(UserError.class, () -> EnsembleCodes.draw(10, 5, SeedTree.root(1)), "odd");
    assertThrows(UserError.class, () -> EnsembleCodes.draw(10, 64, SeedTree.root(1)), "too many");
  }
}
