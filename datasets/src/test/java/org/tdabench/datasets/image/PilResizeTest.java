package org.tdabench.datasets.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tdabench.core.Hashing;

/**
 * Bit-exactness against Pillow. Reference values were computed once with Pillow 9.4.0 (Debian
 * python3-pil): {@code Image.frombytes(mode, (w, h), pattern).resize((ow, oh), Image.BILINEAR)},
 * with pattern[(y*w + x)*c + k] = (37x + 91y + 53k + 7xy) mod 256.
 */
class PilResizeTest {

  static PixelImage pattern(int h, int w, int c) {
    byte[] d = new byte[h * w * c];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int k = 0; k < c; k++) {
          d[(y * w + x) * c + k] = (byte) ((x * 37 + y * 91 + k * 53 + x * y * 7) % 256);
        }
      }
    }
    return new PixelImage(h, w, c, d);
  }

  static int[] unsigned(byte[] b) {
    int[] v = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      v[i] = b[i] & 0xff;
    }
    return v;
  }

  @Test
  void rgbDownscaleMatchesPillow() {
    int[] pil = {103, 132, 143, 124, 127, 145, 127, 137, 130, 107, 129, 140, 119, 135, 129, 140, 140, 131, 141, 135,
        126, 134, 125, 121, 116, 143, 129, 120, 130, 118, 143, 130, 122, 124, 134, 117, 135, 107, 131, 147, 118, 145,
        114, 135, 120, 134, 125, 133, 164, 108, 137, 144, 104, 119, 101, 148, 123, 123, 112, 163};
    assertArrayEquals(pil, unsigned(PilResize.resize(pattern(12, 9, 3), 5, 4).data()));
  }

  @Test
  void greyDownscaleMatchesPillow() {
    int[] pil = {101, 123, 127, 105, 121, 139, 141, 135, 115, 124, 143, 121, 131, 133, 121, 129};
    assertArrayEquals(pil, unsigned(PilResize.resize(pattern(9, 9, 1), 4, 4).data()));
  }

  @Test
  void artbenchAndCocoShapesMatchPillow() {
    // 256x256 -> 64x64 (ArtBench), 480x640 -> 64x85 (a typical COCO image), and an upscale
    assertEquals("e5de64d35fafbf8bcb33959a1f1b7e5f468f0b2c80997110da5af2743fa9a2e7",
        Hashing.sha256Hex(PilResize.resize(pattern(256, 256, 3), 64, 64).data()));
    assertEquals("7a3baed271239b9c22329c8434da62c65924bf46d1e7c421c00293be80849140",
        Hashing.sha256Hex(PilResize.shorterSide(pattern(480, 640, 3), 64).data()));
    assertEquals("b8beb15880ef4ca893c63e5cd5003e30d2cb8aac3a41489678946c65c40ccdca",
        Hashing.sha256Hex(PilResize.resize(pattern(5, 8, 3), 11, 17).data()));
  }

  @Test
  void shorterSideFollowsTorchvision() {
    // torchvision: long side = int(64 * long / short), truncated
    assertArrayEquals(new int[] {64, 85}, PilResize.shorterSideSize(480, 640, 64));
    assertArrayEquals(new int[] {95, 64}, PilResize.shorterSideSize(427, 285, 64));
    assertArrayEquals(new int[] {64, 64}, PilResize.shorterSideSize(256, 256, 64));
  }

  @Test
  void centreCropRoundsHalvesToEven() {
    // torchvision CenterCrop: int(round((size - side) / 2.0)), Python rounding half to even
    assertEquals(10, CenterCrop.offset(85, 64)); // 10.5 -> 10
    assertEquals(12, CenterCrop.offset(87, 64)); // 11.5 -> 12
    assertEquals(0, CenterCrop.offset(64, 64));
    assertEquals(16, CenterCrop.offset(96, 64));
  }
}
