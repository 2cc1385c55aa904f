package org.tdabench.datasets.image;

/**
 * Antialiased bilinear resampling, bit-identical to Pillow's {@code Image.resize(size,
 * Image.BILINEAR)} on 8-bit images, which is what torchvision's {@code Resize(64, antialias=True)}
 * runs on PIL images (the reference preprocessing).
 *
 * <p>Pillow's algorithm: a triangle filter whose support widens with the downscale factor (so
 * downscaling averages every covered source pixel), separable, horizontal pass first; weights are
 * normalised per output pixel and converted to 22-bit fixed point; each pass rounds to 8 bits.
 */
public final class PilResize {
  private static final int PRECISION_BITS = 32 - 8 - 2;

  private PilResize() {}

  /** Resizes so that the shorter side becomes {@code shorter}, as torchvision's {@code Resize(int)}. */
  public static PixelImage shorterSide(PixelImage in, int shorter) {
    int[] hw = shorterSideSize(in.height(), in.width(), shorter);
    return resize(in, hw[0], hw[1]);
  }

  /**
   * The output (height, width) of torchvision's {@code Resize(shorter)}: the short side becomes
   * {@code shorter} and the long side {@code int(shorter * long / short)} (truncated).
   */
  public static int[] shorterSideSize(int height, int width, int shorter) {
    if (width <= height) {
      return new int[] {(int) ((double) shorter * height / width), shorter};
    }
    return new int[] {shorter, (int) ((double) shorter * width / height)};
  }

  /** Resizes {@code in} to {@code outH x outW}. */
  public static PixelImage resize(PixelImage in, int outH, int outW) {
    if (outH == in.height() && outW == in.width()) {
      return in;
    }
    int c = in.channels();
    Coeffs horiz = coeffs(in.width(), outW);
    Coeffs vert = coeffs(in.height(), outH);
    byte[] src = in.data();
    int srcH = in.height();
    int firstRow = 0;
    int rows = srcH;
    if (outW != in.width()) {
      // Pillow only resamples the source rows the vertical pass will read.
      firstRow = vert.bounds[0];
      int lastRow = vert.bounds[(outH - 1) * 2] + vert.bounds[(outH - 1) * 2 + 1];
      rows = lastRow - firstRow;
      byte[] tmp = new byte[rows * outW * c];
      for (int y = 0; y < rows; y++) {
        int srcRow = (y + firstRow) * in.width() * c;
        int dstRow = y * outW * c;
        for (int x = 0; x < outW; x++) {
          int xmin = horiz.bounds[2 * x];
          int n = horiz.bounds[2 * x + 1];
          int k = x * horiz.ksize;
          for (int ch = 0; ch < c; ch++) {
            int ss = 1 << (PRECISION_BITS - 1);
            for (int i = 0; i < n; i++) {
              ss += (src[srcRow + (xmin + i) * c + ch] & 0xff) * horiz.kk[k + i];
            }
            tmp[dstRow + x * c + ch] = clip8(ss);
          }
        }
      }
      src = tmp;
    }
    if (outH == srcH && firstRow == 0 && rows == srcH) {
      return new PixelImage(outH, outW, c, src);
    }
    byte[] out = new byte[outH * outW * c];
    int rowLen = outW * c;
    for (int y = 0; y < outH; y++) {
      int ymin = vert.bounds[2 * y] - firstRow;
      int n = vert.bounds[2 * y + 1];
      int k = y * vert.ksize;
      for (int x = 0; x < rowLen; x++) {
        int ss = 1 << (PRECISION_BITS - 1);
        for (int i = 0; i < n; i++) {
          ss += (src[(ymin + i) * rowLen + x] & 0xff) * vert.kk[k + i];
        }
        out[y * rowLen + x] = clip8(ss);
      }
    }
    return new PixelImage(outH, outW, c, out);
  }

  private static byte clip8(int ss) {
    int v = ss >> PRECISION_BITS;
    return (byte) (v < 0 ? 0 : Math.min(v, 255));
  }

  /** Per-output-pixel first source index, tap count and fixed-point weights. */
  private record Coeffs(int ksize, int[] bounds, int[] kk) {}

  private static Coeffs coeffs(int inSize, int outSize) {
    double scale = (double) inSize / outSize;
    double filterScale = Math.max(scale, 1.0);
    double support = 1.0 * filterScale; // bilinear (triangle) filter support is 1
    int ksize = (int) Math.ceil(support) * 2 + 1;
    int[] bounds = new int[outSize * 2];
    int[] kk = new int[outSize * ksize];
    double[] w = new double[ksize];
    for (int xx = 0; xx < outSize; xx++) {
      double center = (xx + 0.5) * scale;
      double ss = 1.0 / filterScale;
      int xmin = Math.max((int) (center - support + 0.5), 0);
      int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
      double ww = 0.0;
      for (int x = 0; x < xmax; x++) {
        double t = Math.abs((x + xmin - center + 0.5) * ss);
        w[x] = t < 1.0 ? 1.0 - t : 0.0;
        ww += w[x];
      }
      for (int x = 0; x < xmax; x++) {
        double v = ww != 0.0 ? w[x] / ww : w[x];
        kk[xx * ksize + x] = v < 0 ? (int) (-0.5 + v * (1 << PRECISION_BITS)) : (int) (0.5 + v * (1 << PRECISION_BITS));
      }
      bounds[2 * xx] = xmin;
      bounds[2 * xx + 1] = xmax;
    }
    return new Coeffs(ksize, bounds, kk);
  }
}
