package org.tdabench.datasets.image;

import java.util.Objects;

/**
 * An 8-bit image stored row-major as height x width x channels (HWC), the layout of
 * {@code images.u8}.
 */
public record PixelImage(int height, int width, int channels, byte[] data) {

  public PixelImage {
    Objects.requireNonNull(data, "data");
    if (height <= 0 || width <= 0 || channels <= 0 || (long) height * width * channels != data.length) {
      throw new IllegalArgumentException(
          "bad image shape " + height + "x" + width + "x" + channels + " for " + data.length + " bytes");
    }
  }

  /** Converts a planar CHW buffer (CIFAR's layout: all red, then green, then blue) to HWC. */
  public static PixelImage fromPlanar(byte[] chw, int offset, int height, int width, int channels) {
    byte[] hwc = new byte[height * width * channels];
    int plane = height * width;
    for (int c = 0; c < channels; c++) {
      int src = offset + c * plane;
      for (int i = 0; i < plane; i++) {
        hwc[i * channels + c] = chw[src + i];
      }
    }
    return new PixelImage(height, width, channels, hwc);
  }

  /** The value at (y, x, c) as 0..255. */
  public int at(int y, int x, int c) {
    return data[(y * width + x) * channels + c] & 0xff;
  }

  /** The centre square of side {@code side} (top/left offsets as torchvision's CenterCrop). */
  public PixelImage centerCrop(int side) {
    int top = CenterCrop.offset(height, side);
    int left = CenterCrop.offset(width, side);
    return crop(top, left, side, side);
  }

  /** The {@code h x w} window at ({@code top}, {@code left}). */
  public PixelImage crop(int top, int left, int h, int w) {
    if (top < 0 || left < 0 || top + h > height || left + w > width) {
      throw new IllegalArgumentException("crop outside the image");
    }
    byte[] out = new byte[h * w * channels];
    int row = w * channels;
    for (int y = 0; y < h; y++) {
      System.arraycopy(data, ((top + y) * width + left) * channels, out, y * row, row);
    }
    return new PixelImage(h, w, channels, out);
  }
}
