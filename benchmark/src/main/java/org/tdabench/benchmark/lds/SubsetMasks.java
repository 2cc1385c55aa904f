package org.tdabench.benchmark.lds;

import java.util.Arrays;

/**
 * The M training subsets S_1..S_M of one subset family as an M x N membership mask ({@code
 * masks[j][i]} is true when training sample i is in S_j). Exported as-is so that anyone can recompute
 * the LDS.
 *
 * @param family the family the subsets were drawn for ({@link SubsetSampler#EVAL} or {@link
 *     SubsetSampler#TUNE})
 * @param masks M rows of N booleans
 */
public record SubsetMasks(String family, boolean[][] masks) {

  public SubsetMasks {
    if (masks.length == 0) {
      throw new IllegalArgumentException("no subsets");
    }
    int n = masks[0].length;
    for (boolean[] row : masks) {
      if (row.length != n) {
        throw new IllegalArgumentException("ragged subset mask");
      }
    }
  }

  /** Number of subsets M. */
  public int subsets() {
    return masks.length;
  }

  /** Training-set size N. */
  public int trainingSize() {
    return masks[0].length;
  }

  /** The sorted indices of subset j's members. */
  public int[] members(int j) {
    boolean[] row = masks[j];
    int count = 0;
    for (boolean b : row) {
      if (b) {
        count++;
      }
    }
    int[] out = new int[count];
    int k = 0;
    for (int i = 0; i < row.length; i++) {
      if (row[i]) {
        out[k++] = i;
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SubsetMasks s && s.family.equals(family) && Arrays.deepEquals(s.masks, masks);
  }

  @Override
  public int hashCode() {
    return 31 * family.hashCode() + Arrays.deepHashCode(masks);
  }

  @Override
  public String toString() {
    return "SubsetMasks[" + family + ", M=" + subsets() + ", N=" + trainingSize() + "]";
  }
}
