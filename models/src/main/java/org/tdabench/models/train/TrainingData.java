package org.tdabench.models.train;

/**
 * Images and conditions a trainer reads: row-indexed, images as flat NHWC floats in [-1, 1].
 * Implementations adapt a prepared dataset (or a subset of it) without copying it.
 */
public interface TrainingData {
  /** Number of rows. */
  int size();

  /** Stable id of row {@code i} (used in logs and per-sample records). */
  long id(int i);

  /** Writes row {@code i}'s image into {@code out} at {@code offset}. */
  void image(int i, float[] out, int offset);

  /** Writes row {@code i}'s condition into {@code out} at {@code offset} (no-op if condDim is 0). */
  void cond(int i, float[] out, int offset);

  /** A view of in-memory arrays (tests, small sets). */
  static TrainingData ofArrays(float[] images, float[] conds, int imageSize, int condDim, long[] ids) {
    int n = images.length / imageSize;
    return new TrainingData() {
      @Override
      public int size() {
        return n;
      }

      @Override
      public long id(int i) {
        return ids == null ? i : ids[i];
      }

      @Override
      public void image(int i, float[] out, int offset) {
        System.arraycopy(images, i * imageSize, out, offset, imageSize);
      }

      @Override
      public void cond(int i, float[] out, int offset) {
        if (condDim > 0) {
          System.arraycopy(conds, i * condDim, out, offset, condDim);
        }
      }
    };
  }
}
