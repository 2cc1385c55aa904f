package org.tdabench.benchmark.lds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tdabench.core.SeedTree;

class SubsetSamplerTest {
  private static final SeedTree ROOT = SeedTree.root(0);

  @Test
  void stratifiedSubsetsKeepClassProportionsAndSize() {
    // classes of sizes 7, 6 and 4: exact halves 3.5, 3, 2 -> 3 + 3 + 2 = 8, one more place (round(8.5)=9)
    // goes to the class with the largest fractional part (label 0)
    int[] labels = new int[17];
    for (int i = 0; i < 17; i++) {
      labels[i] = i < 7 ? 0 : i < 13 ? 1 : 2;
    }
    SubsetMasks s = SubsetSampler.draw(ROOT, SubsetSampler.EVAL, 30, 17, 0.5, labels);
    for (int j = 0; j < s.subsets(); j++) {
      int[] counts = new int[3];
      for (int i : s.members(j)) {
        counts[labels[i]]++;
      }
      assertArrayEquals(new int[] {4, 3, 2}, counts, "subset " + j);
    }
    // the subsets are not all the same
    assertFalse(Arrays.equals(s.masks()[0], s.masks()[1]));
  }

  @Test
  void unstratifiedSubsetsHaveRoundedHalfSize() {
    SubsetMasks s = SubsetSampler.draw(ROOT, SubsetSampler.TUNE, 5, 11, 0.5, null);
    for (int j = 0; j < 5; j++) {
      assertEquals(6, s.members(j).length);
    }
  }

  @Test
  void subsetJDependsOnlyOnItsSeedPath() {
    SubsetMasks few = SubsetSampler.draw(ROOT, SubsetSampler.EVAL, 3, 50, 0.5, null);
    SubsetMasks many = SubsetSampler.draw(ROOT, SubsetSampler.EVAL, 8, 50, 0.5, null);
    for (int j = 0; j < 3; j++) {
      assertArrayEquals(few.masks()[j], many.masks()[j]);
    }
    SubsetMasks tune = SubsetSampler.draw(ROOT, SubsetSampler.TUNE, 3, 50, 0.5, null);
    assertFalse(Arrays.equals(few.masks()[0], tune.masks()[0]), "families must not share subsets");
    assertEquals("lds/eval/subset/2", SubsetSampler.node(ROOT, "eval", 2).path());
  }

  @Test
  void badArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> SubsetSampler.draw(ROOT, "Eval/x", 3, 10, 0.5, null));
    assertThrows(IllegalArgumentException.class, () -> SubsetSampler.draw(ROOT, "eval", 1, 10, 0.5, null));
    assertThrows(IllegalArgumentException.class, () -> SubsetSampler.draw(ROOT, "eval", 3, 10, 1.0, null));
    assertThrows(IllegalArgumentException.class, () -> SubsetSampler.draw(ROOT, "eval", 3, 10, 0.5, new int[9]));
  }
}
