package org.tdabench.models;

import java.util.ArrayList;
import java.util.List;
import org.tdabench.core.SeedTree;
import org.tdabench.models.nn.ParamSpec;
import org.tdabench.models.nn.ParamTable;

/**
 * The layout of the seeded Gaussian projection P (p x k, N(0, 1) entries, no 1/sqrt(k) scaling,
 * as D-TRAK's CudaProjector is called): each tensor of the parameter subset is cut into row blocks
 * of {@link #rowsPerBlock} rows (the last one shorter), and block j of tensor t is TensorFlow's
 * StatelessRandomNormal of shape [rows, k] keyed by the seed-tree path
 * {@code tensor/<t>/block/<j>} below the projection seed. A block depends only on its tensor's
 * name, its index and k, never on which other tensors are in the subset, so P is never stored
 * whole and every path that projects (in-graph per batch, or chunked) uses the same matrix.
 */
public final class ProjectionBlocks {
  private ProjectionBlocks() {}

  /** Elements per generated block (16 MiB of floats). */
  public static final long BLOCK_ELEMENTS = 1L << 22;

  /**
   * One block of P.
   *
   * @param tensor parameter name
   * @param index block index within the tensor
   * @param offset first row in the concatenated (subset-order) gradient vector
   * @param start first row within the tensor
   * @param rows rows in this block
   * @param seed the int64[2] seed of its StatelessRandomNormal
   */
  public record Block(String tensor, int index, long offset, long start, int rows, long[] seed) {}

  /** Rows per block for projection dimension k. */
  public static int rowsPerBlock(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("projection dimension must be >= 1");
    }
    return (int) Math.max(1, BLOCK_ELEMENTS / k);
  }

  /** The blocks of P for the subset {@code names} of {@code table}, in gradient-vector order. */
  public static List<Block> of(ParamTable table, List<String> names, int k, long projectionSeed) {
    int per = rowsPerBlock(k);
    SeedTree root = SeedTree.root(projectionSeed);
    List<Block> out = new ArrayList<>();
    long offset = 0;
    for (String name : names) {
      ParamSpec s = table.get(name);
      long size = s.size();
      int j = 0;
      for (long r0 = 0; r0 < size; r0 += per, j++) {
        int rows = (int) Math.min(per, size - r0);
        long[] seed = root.child("tensor").child(s.name()).child("block", j).statelessPair();
        out.add(new Block(s.name(), j, offset + r0, r0, rows, seed));
      }
      offset += size;
    }
    return out;
  }
}
