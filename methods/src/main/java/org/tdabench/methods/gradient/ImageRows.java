package org.tdabench.methods.gradient;

import org.tdabench.methods.api.ImageSet;
import org.tdabench.methods.api.Targets;

/**
 * Images and their conditions read in row chunks (flat NHWC floats; conditions absent when
 * {@code condDim() == 0}): a training set, the targets, or rows repeated for several probes.
 */
public interface ImageRows {
  int size();

  int imageSize();

  int condDim();

  /** Rows [start, start + count) into {@code x} and, if conditional, {@code y}. */
  void read(int start, int count, float[] x, float[] y);

  /** The rows of a training set (or any {@link ImageSet}). */
  static ImageRows of(ImageSet set) {
    return new ImageRows() {
      @Override
      public int size() {
        return set.size();
      }

      @Override
      public int imageSize() {
        return set.imageSize();
      }

      @Override
      public int condDim() {
        return set.condDim();
      }

      @Override
      public void read(int start, int count, float[] x, float[] y) {
        set.images(start, count, x);
        if (set.condDim() > 0) {
          set.conds(start, count, y);
        }
      }
    };
  }

  /** The targets, with conditions of dimension {@code condDim} (0 if unconditional). */
  static ImageRows of(Targets targets, int imageSize, int condDim) {
    return of(targets.images(), targets.conds(), targets.size(), imageSize, condDim);
  }

  /** In-memory rows. */
  static ImageRows of(float[] x, float[] y, int n, int imageSize, int condDim) {
    if (x.length != (long) n * imageSize || condDim > 0 && (y == null || y.length != (long) n * condDim)) {
      throw new IllegalArgumentException("images or conditions do not hold " + n + " rows");
    }
    return new ImageRows() {
      @Override
      public int size() {
        return n;
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
      public void read(int start, int count, float[] xs, float[] ys) {
        System.arraycopy(x, start * imageSize, xs, 0, count * imageSize);
        if (condDim > 0) {
          System.arraycopy(y, start * condDim, ys, 0, count * condDim);
        }
      }
    };
  }

  /** Every row repeated {@code times} times in a row: row r of the result is row r / times. */
  default ImageRows repeatEach(int times) {
    ImageRows base = this;
    int d = imageSize();
    int cd = condDim();
    return new ImageRows() {
      @Override
      public int size() {
        return base.size() * times;
      }

      @Override
      public int imageSize() {
        return d;
      }

      @Override
      public int condDim() {
        return cd;
      }

      @Override
      public void read(int start, int count, float[] x, float[] y) {
        float[] bx = new float[d];
        float[] by = new float[Math.max(cd, 1)];
        for (int i = 0; i < count; i++) {
          base.read((start + i) / times, 1, bx, by);
          System.arraycopy(bx, 0, x, i * d, d);
          if (cd > 0) {
            System.arraycopy(by, 0, y, i * cd, cd);
          }
        }
      }
    };
  }
}
