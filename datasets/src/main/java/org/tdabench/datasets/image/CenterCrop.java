package org.tdabench.datasets.image;

/** Centre-crop offsets computed exactly as torchvision's {@code CenterCrop}. */
public final class CenterCrop {
  private CenterCrop() {}

  /**
   * The offset of a window of {@code side} in an extent of {@code size}: torchvision uses
   * {@code int(round((size - side) / 2.0))}, and Python rounds halves to even, which
   * {@link Math#rint} reproduces.
   */
  public static int offset(int size, int side) {
    if (side > size) {
      throw new IllegalArgumentException("crop " + side + " larger than " + size);
    }
    return (int) Math.rint((size - side) / 2.0);
  }
}
