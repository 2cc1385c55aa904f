package org.tdabench.methods.unlearning;

import org.tdabench.methods.api.ImageSet;
import org.tdabench.models.ModelSpec;

/** Host-side image helpers: flat NHWC float images as the models take them. */
final class Images {
  private Images() {}

  /** Mirrors {@code count} images of {@code spec}'s shape left-right, in place. */
  static void flipHorizontal(float[] x, int count, ModelSpec spec) {
    int h = spec.arch().imageHeight();
    int w = spec.arch().imageWidth();
    int c = spec.arch().imageChannels();
    for (int i = 0; i < count; i++) {
      for (int r = 0; r < h; r++) {
        int row = (i * h + r) * w * c;
        for (int a = 0, b = w - 1; a < b; a++, b--) {
          for (int ch = 0; ch < c; ch++) {
            int p = row + a * c + ch;
            int q = row + b * c + ch;
            float t = x[p];
            x[p] = x[q];
            x[q] = t;
          }
        }
      }
    }
  }

  /** {@code copies} copies of one item of {@code per} floats at {@code offset} of {@code src}. */
  static float[] repeat(float[] src, int offset, int per, int copies) {
    float[] out = new float[copies * per];
    for (int i = 0; i < copies; i++) {
      System.arraycopy(src, offset, out, i * per, per);
    }
    return out;
  }

  /** Images of the given rows, flat. */
  static float[] rows(ImageSet set, int[] rows) {
    int d = set.imageSize();
    float[] out = new float[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      set.image(rows[i], out, i * d);
    }
    return out;
  }

  /** Conditions of the given rows, flat, or null for an unconditional set. */
  static float[] conds(ImageSet set, int[] rows) {
    int cd = set.condDim();
    if (cd == 0) {
      return null;
    }
    float[] out = new float[rows.length * cd];
    for (int i = 0; i < rows.length; i++) {
      set.cond(rows[i], out, i * cd);
    }
    return out;
  }

  /** The per-pixel second moment E[x^2] of a set (the data statistic that sets L_null). */
  static double secondMoment(ImageSet set) {
    int d = set.imageSize();
    float[] buf = new float[d];
    double sum = 0;
    for (int i = 0; i < set.size(); i++) {
      set.image(i, buf, 0);
      for (float v : buf) {
        sum += (double) v * v;
      }
    }
    return sum / ((double) set.size() * d);
  }
}
