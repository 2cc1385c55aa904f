package org.tdabench.models.nn;

/**
 * The fixed 2-D sin-cos position table of MAE, as the reference builds it: the first D/2 channels
 * encode the column index and the last D/2 the row index; each half is [sin(p w_d) for d, cos(p
 * w_d) for d] with w_d = 10000^(-d / (D/4)), d = 0 .. D/4 - 1. Tokens are row-major.
 */
public final class SinCosPositions {
  private SinCosPositions() {}

  /** A row-major [gridH * gridW, dim] table. */
  public static float[] table(int dim, int gridH, int gridW) {
    int quarter = dim / 4;
    float[] out = new float[gridH * gridW * dim];
    for (int r = 0; r < gridH; r++) {
      for (int col = 0; col < gridW; col++) {
        int base = (r * gridW + col) * dim;
        fill(out, base, col, quarter);
        fill(out, base + dim / 2, r, quarter);
      }
    }
    return out;
  }

  private static void fill(float[] out, int base, int pos, int quarter) {
    for (int d = 0; d < quarter; d++) {
      double omega = 1.0 / Math.pow(10000.0, d / (double) quarter);
      out[base + d] = (float) Math.sin(pos * omega);
      out[base + quarter + d] = (float) Math.cos(pos * omega);
    }
  }
}
