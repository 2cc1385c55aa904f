package org.tdabench.methods.api;

import org.tdabench.models.train.TrainingData;

/**
 * A row-indexed set of images (flat NHWC floats in [-1, 1]) with conditions, stable ids and labels
 * (-1 where there are none). Reads may be chunked so that a large set need not sit in memory.
 */
public interface ImageSet extends TrainingData {
  int imageSize();

  int condDim();

  /** Class label of row i, or -1. */
  int label(int i);

  /** Rows [start, start + count) into {@code out} (count * imageSize floats). */
  default void images(int start, int count, float[] out) {
    int d = imageSize();
    for (int i = 0; i < count; i++) {
      image(start + i, out, i * d);
    }
  }

  /** Conditions of rows [start, start + count) into {@code out} (count * condDim floats). */
  default void conds(int start, int count, float[] out) {
    int c = condDim();
    for (int i = 0; i < count; i++) {
      cond(start + i, out, i * c);
    }
  }

  /** Every image, flat (small sets only). */
  default float[] allImages() {
    float[] out = new float[Math.multiplyExact(size(), imageSize())];
    images(0, size(), out);
    return out;
  }

  /** Every condition, flat, or null for an unconditional set. */
  default float[] allConds() {
    if (condDim() == 0) {
      return null;
    }
    float[] out = new float[Math.multiplyExact(size(), condDim())];
    conds(0, size(), out);
    return out;
  }

  /** An in-memory set. */
  static ImageSet ofArrays(float[] images, float[] conds, int imageSize, int condDim, long[] ids, int[] labels) {
    int n = images.length / imageSize;
    if (ids != null && ids.length != n || labels != null && labels.length != n) {
      throw new IllegalArgumentException("ids and labels must have one entry per image");
    }
    return new ImageSet() {
      @Override
      public int size() {
        return n;
      }

      @Override
      public long id(int i) {
        return ids == null ? i : ids[i];
      }

      @Override
      public int label(int i) {
        return labels == null ? -1 : labels[i];
      }

      @Override
      public int imageSize() {
        return imageSize;
      }

      @Override
      public int condDim() {
        return condDim;
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

  /** Rows {@code rows} of this set, in that order (subsets for retraining). */
  default ImageSet subset(int[] rows) {
    ImageSet base = this;
    return new ImageSet() {
      @Override
      public int size() {
        return rows.length;
      }

      @Override
      public long id(int i) {
        return base.id(rows[i]);
      }

      @Override
      public int label(int i) {
        return base.label(rows[i]);
      }

      @Override
      public int imageSize() {
        return base.imageSize();
      }

      @Override
      public int condDim() {
        return base.condDim();
      }

      @Override
      public void image(int i, float[] out, int offset) {
        base.image(rows[i], out, offset);
      }

      @Override
      public void cond(int i, float[] out, int offset) {
        base.cond(rows[i], out, offset);
      }

      @Override
      public void trainingSample(int i, long access, float[] image, int imageOffset, float[] cond, int condOffset) {
        base.trainingSample(rows[i], access, image, imageOffset, cond, condOffset);
      }
    };
  }
}
