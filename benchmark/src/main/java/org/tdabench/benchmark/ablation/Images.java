package org.tdabench.benchmark.ablation;

/**
 * A batch of images as one float array, image-major and HWC inside an image (row-major height,
 * width, channel), values in [0, 1]. This is what the generator's output becomes after MUCS's
 * denormalise-and-clamp step (sony/mucs), and what every similarity metric reads.
 */
public record Images(int count, int height, int width, int channels, float[] data) {

  public Images {
    if (count < 0 || height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException("bad image batch shape " + count + "x" + height + "x" + width + "x" + channels);
    }
    if ((long) count * height * width * channels != data.length) {
      throw new IllegalArgumentException("image data has " + data.length + " values, shape needs "
          + (long) count * height * width * channels);
    }
  }

  /** From generator output in [-1, 1]: x -> clamp((x + 1) / 2, 0, 1). */
  public static Images fromSigned(int count, int height, int width, int channels, float[] signed) {
    float[] out = new float[signed.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.min(1f, Math.max(0f, (signed[i] + 1f) / 2f));
    }
    return new Images(count, height, width, channels, out);
  }

  /** Values per image (H W C). */
  public int imageSize() {
    return height * width * channels;
  }

  /** Offset of image i in {@link #data()}. */
  public int offset(int i) {
    if (i < 0 || i >= count) {
      throw new IndexOutOfBoundsException("image " + i + " of " + count);
    }
    return i * imageSize();
  }

  /** Whether {@code other} holds images of the same height, width and channels. */
  public boolean sameShape(Images other) {
    return other.height == height && other.width == width && other.channels == channels;
  }

  /** Images {@code from} (inclusive) to {@code to} (exclusive), copied. */
  public Images slice(int from, int to) {
    if (from < 0 || to > count || from > to) {
      throw new IndexOutOfBoundsException("slice " + from + ".." + to + " of " + count);
    }
    float[] d = java.util.Arrays.copyOfRange(data, from * imageSize(), to * imageSize());
    return new Images(to - from, height, width, channels, d);
  }
}
