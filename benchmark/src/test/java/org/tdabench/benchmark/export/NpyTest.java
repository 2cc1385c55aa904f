package org.tdabench.benchmark.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
  @TempDir Path dir;

  @Test
  void headerIsVersionOneAlignedTo64() {
    byte[] h = Npy.header("<f4", new long[] {3, 4});
    // 10 prefix bytes + 59-character dict + newline = 70, padded to the next multiple of 64
    assertEquals(128, h.length);
    assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(h, 8));
    assertEquals(128 - 10, (h[8] & 0xff) | (h[9] & 0xff) << 8);
    String dict = new String(h, 10, h.length - 10, StandardCharsets.US_ASCII);
    assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", dict.strip());
    assertEquals('\n', dict.charAt(dict.length() - 1));
    String oneD = new String(Npy.header("<i4", new long[] {7}), StandardCharsets.US_ASCII);
    assertEquals(true, oneD.contains("'shape': (7,)"));
  }

  @Test
  void roundTripsEveryType() throws IOException {
    float[][] f = {{1.5f, -2f, Float.MIN_VALUE}, {0f, 3.25f, 1e30f}};
    Npy.write(dir.resolve("f.npy"), f);
    Npy.Array a = Npy.read(dir.resolve("f.npy"));
    assertArrayEquals(new long[] {2, 3}, a.shape());
    assertArrayEquals(new float[] {1.5f, -2f, Float.MIN_VALUE, 0f, 3.25f, 1e30f}, a.floats());

    double[][] d = {{Math.PI}, {-1e-300}};
    Npy.write(dir.resolve("d.npy"), d);
    assertArrayEquals(new double[] {Math.PI, -1e-300}, Npy.read(dir.resolve("d.npy")).doubles());

    boolean[][] b = {{true, false, true}, {false, false, true}};
    Npy.write(dir.resolve("b.npy"), b);
    Npy.Array ba = Npy.read(dir.resolve("b.npy"));
    assertEquals("|b1", ba.descr());
    assertArrayEquals(new boolean[] {true, false, true, false, false, true}, ba.booleans());

    Npy.write(dir.resolve("i.npy"), new int[][] {{1, 2}, {3, -4}});
    assertArrayEquals(new int[] {1, 2, 3, -4}, Npy.read(dir.resolve("i.npy")).ints());
    Npy.write(dir.resolve("v.npy"), new int[] {9, 8, 7});
    assertArrayEquals(new long[] {3}, Npy.read(dir.resolve("v.npy")).shape());

    // the file is header + exactly the data, little-endian
    assertEquals(128 + 6 * 4, Files.size(dir.resolve("f.npy")));
    byte[] raw = Files.readAllBytes(dir.resolve("i.npy"));
    int start = 10 + ((raw[8] & 0xff) | (raw[9] & 0xff) << 8);
    assertEquals(0, start % 64);
    assertArrayEquals(new byte[] {1, 0, 0, 0, 2, 0, 0, 0}, Arrays.copyOfRange(raw, start, start + 8));
  }

  @Test
  void rejectsRaggedAndForeignFiles() throws IOException {
    assertThrows(IllegalArgumentException.class, () -> Npy.write(dir.resolve("r.npy"), new int[][] {{1}, {1, 2}}));
    Files.writeString(dir.resolve("x.npy"), "not numpy");
    assertThrows(IOException.class, () -> Npy.read(dir.resolve("x.npy")));
    assertThrows(IllegalStateException.class, () -> {
      Npy.write(dir.resolve("f.npy"), new float[][] {{1f}});
      Npy.read(dir.resolve("f.npy")).doubles();
    });
  }
}
