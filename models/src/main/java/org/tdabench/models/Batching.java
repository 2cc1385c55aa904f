package org.tdabench.models;

/** Splitting n items into fixed-size graph batches; the last batch is padded with its last item. */
final class Batching {
  private Batching() {}

  /**
   * Items [start, start + count) of {@code src} (each {@code per} floats) padded to {@code batch}
   * items by repeating the last one.
   */
  static float[] chunk(float[] src, int start, int count, int per, int batch) {
    float[] out = new float[batch * per];
    System.arraycopy(src, start * per, out, 0, count * per);
    for (int i = count; i < batch; i++) {
      System.arraycopy(src, (start + count - 1) * per, out, i * per, per);
    }
    return out;
  }

  static int[] chunk(int[] src, int start, int count, int batch) {
    int[] out = new int[batch];
    System.arraycopy(src, start, out, 0, count);
    for (int i = count; i < batch; i++) {
      out[i] = src[start + count - 1];
    }
    return out;
  }

  static void checkLength(String what, float[] a, long expected) {
    if (a.length != expected) {
      throw new IllegalArgumentException(what + " has " + a.length + " values, expected " + expected);
    }
  }
}
