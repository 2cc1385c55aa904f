package org.tdabench.datasets.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.tdabench.core.UserError;

/**
 * Decodes JPEG/PNG bytes with {@link ImageIO} to RGB (as PIL's {@code convert("RGB")}: grey is
 * replicated to three channels, alpha is dropped).
 */
public final class ImageDecoder {
  static {
    ImageIO.setUseCache(false); // decode in memory, never through temporary files
  }

  private ImageDecoder() {}

  /**
   * Decodes {@code bytes}; a failure is a {@link UserError} naming {@code what} (e.g. the archive
   * member) and {@code advice}.
   */
  public static PixelImage decodeRgb(byte[] bytes, String what, String advice) {
    BufferedImage img;
    try {
      img = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      throw new UserError("cannot decode image " + what + " (" + UserError.oneLine(e.getMessage()) + "); " + advice);
    }
    if (img == null) {
      throw new UserError("cannot decode image " + what + " (not a JPEG or PNG); " + advice);
    }
    return toRgb(img);
  }

  /** Converts any decoded image to 3-channel HWC bytes. */
  public static PixelImage toRgb(BufferedImage img) {
    int h = img.getHeight();
    int w = img.getWidth();
    byte[] out = new byte[h * w * 3];
    switch (img.getType()) {
      case BufferedImage.TYPE_3BYTE_BGR -> {
        byte[] src = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        Raster r = img.getRaster();
        if (r.getParent() == null && src.length == out.length) {
          for (int i = 0; i < out.length; i += 3) {
            out[i] = src[i + 2];
            out[i + 1] = src[i + 1];
            out[i + 2] = src[i];
          }
          return new PixelImage(h, w, 3, out);
        }
      }
      case BufferedImage.TYPE_BYTE_GRAY -> {
        Raster r = img.getRaster();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
          r.getSamples(0, y, w, 1, 0, row);
          for (int x = 0; x < w; x++) {
            byte v = (byte) row[x];
            int o = (y * w + x) * 3;
            out[o] = v;
            out[o + 1] = v;
            out[o + 2] = v;
          }
        }
        return new PixelImage(h, w, 3, out);
      }
      default -> {
        // general path below
      }
    }
    int[] argb = new int[w];
    for (int y = 0; y < h; y++) {
      img.getRGB(0, y, w, 1, argb, 0, w);
      for (int x = 0; x < w; x++) {
        int p = argb[x];
        int o = (y * w + x) * 3;
        out[o] = (byte) (p >> 16);
        out[o + 1] = (byte) (p >> 8);
        out[o + 2] = (byte) p;
      }
    }
    return new PixelImage(h, w, 3, out);
  }
}
