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

  /**
   * Writes what one training access of row {@code i} sees: by default its image and condition;
   * data that the reference augments per access overrides it (COCO: a random crop of the
   * non-square image and a random caption). {@code access} is a seed the trainer derives from its
   * seed tree for this access (step and batch slot): every draw must come from it.
   *
   * @param cond receives the condition at {@code condOffset}; null for an unconditional model
   */
  default void trainingSample(int i, long access, float[] image, int imageOffset, float[] cond, int condOffset) {
    image(i, image, imageOffset);
    if (cond != null) {
      cond(i, cond, condOffset);
    }
  }

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
