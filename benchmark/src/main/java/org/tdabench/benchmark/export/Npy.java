package org.tdabench.benchmark.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tdabench.core.AtomicFiles;

/**
 * NumPy's {@code .npy} format, version 1.0 (numpy.lib.format): the magic {@code \x93NUMPY}, version
 * bytes 1 and 0, a little-endian uint16 header length, then an ASCII Python-dict header such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }} padded with spaces and ended
 * by a newline so the data starts at a multiple of 64 bytes, then the array in C (row-major) order,
 * little-endian. {@code numpy.load} reads these files without any option.
 *
 * <p>Supported types: float32 ({@code <f4}), float64 ({@code <f8}), int32 ({@code <i4}), int64
 * ({@code <i8}) and bool ({@code |b1}).
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
  private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  private Npy() {}

  /** An array read back from a file: its dtype string, shape and little-endian data. */
  public record Array(String descr, long[] shape, ByteBuffer data) {
    public long size() {
      return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    public float[] floats() {
      require("<f4");
      float[] out = new float[(int) size()];
      data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
      return out;
    }

    public double[] doubles() {
      require("<f8");
      double[] out = new double[(int) size()];
      data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
      return out;
    }

    public int[] ints() {
      require("<i4");
      int[] out = new int[(int) size()];
      data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
      return out;
    }

    public boolean[] booleans() {
      require("|b1");
      boolean[] out = new boolean[(int) size()];
      ByteBuffer d = data.duplicate();
      for (int i = 0; i < out.length; i++) {
        out[i] = d.get() != 0;
      }
      return out;
    }

    private void require(String d) {
      if (!descr.equals(d)) {
        throw new IllegalStateException("array has dtype " + descr + ", not " + d);
      }
    }
  }

  public static void write(Path file, float[][] m) throws IOException {
    int cols = cols(m);
    ByteBuffer b = buffer((long) m.length * cols * 4);
    for (float[] row : m) {
      for (float v : row) {
        b.putFloat(v);
      }
    }
    write(file, "<f4", new long[] {m.length, cols}, b);
  }

  public static void write(Path file, double[][] m) throws IOException {
    int cols = cols(m);
    ByteBuffer b = buffer((long) m.length * cols * 8);
    for (double[] row : m) {
      for (double v : row) {
        b.putDouble(v);
      }
    }
    write(file, "<f8", new long[] {m.length, cols}, b);
  }

  public static void write(Path file, int[][] m) throws IOException {
    int cols = cols(m);
    ByteBuffer b = buffer((long) m.length * cols * 4);
    for (int[] row : m) {
      for (int v : row) {
        b.putInt(v);
      }
    }
    write(file, "<i4", new long[] {m.length, cols}, b);
  }

  public static void write(Path file, boolean[][] m) throws IOException {
    int cols = cols(m);
    ByteBuffer b = buffer((long) m.length * cols);
    for (boolean[] row : m) {
      for (boolean v : row) {
        b.put((byte) (v ? 1 : 0));
      }
    }
    write(file, "|b1", new long[] {m.length, cols}, b);
  }

  /** A 1-D int32 array. */
  public static void write(Path file, int[] v) throws IOException {
    ByteBuffer b = buffer((long) v.length * 4);
    for (int x : v) {
      b.putInt(x);
    }
    write(file, "<i4", new long[] {v.length}, b);
  }

  /** A 1-D float64 array. */
  public static void write(Path file, double[] v) throws IOException {
    ByteBuffer b = buffer((long) v.length * 8);
    for (double x : v) {
      b.putDouble(x);
    }
    write(file, "<f8", new long[] {v.length}, b);
  }

  /** Writes raw little-endian {@code data} with the given dtype and shape, atomically. */
  public static void write(Path file, String descr, long[] shape, ByteBuffer data) throws IOException {
    byte[] header = header(descr, shape);
    AtomicFiles.writeFile(file, raw -> {
      OutputStream out = new BufferedOutputStream(raw, 1 << 16);
      out.write(header);
      out.write(data.array(), 0, data.position());
      out.flush();
    });
  }

  /** The magic, version, header length and padded header dict. */
  static byte[] header(String descr, long[] shape) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < shape.length; i++) {
      s.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    if (shape.length == 1) {
      s.append(',');
    }
    String dict = String.format(Locale.ROOT, "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }", descr, s);
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int total = (unpadded + 63) / 64 * 64;
    String padded = dict + " ".repeat(total - unpadded) + "\n";
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) padded.length());
    b.put(padded.getBytes(StandardCharsets.US_ASCII));
    return b.array();
  }

  /** Reads a version 1.0 file written in C order. */
  public static Array read(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[6];
    b.get(magic);
    if (!Arrays.equals(magic, MAGIC) || b.get() != 1 || b.get() != 0) {
      throw new IOException(file + " is not a version 1.0 .npy file");
    }
    int len = Short.toUnsignedInt(b.getShort());
    String header = new String(all, 10, len, StandardCharsets.US_ASCII);
    Matcher d = DESCR.matcher(header);
    Matcher o = ORDER.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find() || !o.find() || !s.find()) {
      throw new IOException(file + " has an unreadable .npy header: " + header.strip());
    }
    if (o.group(1).equals("True")) {
      throw new IOException(file + " is in Fortran order, which this reader does not handle");
    }
    long[] shape = Arrays.stream(s.group(1).split(",")).map(String::strip).filter(x -> !x.isEmpty())
        .mapToLong(Long::parseLong).toArray();
    ByteBuffer data = ByteBuffer.wrap(all, 10 + len, all.length - 10 - len).slice().order(ByteOrder.LITTLE_ENDIAN);
    long expected = itemSize(d.group(1));
    for (long n : shape) {
      expected *= n;
    }
    if (expected >= 0 && data.remaining() != expected) {
      throw new IOException(file + " holds " + data.remaining() + " data bytes, its header promises " + expected
          + " (truncated or damaged)");
    }
    return new Array(d.group(1), shape, data);
  }

  /** Bytes per element of a descr such as '<f4', or -1 when unknown. */
  private static long itemSize(String descr) {
    String digits = descr.replaceAll("[^0-9]", "");
    return digits.isEmpty() ? -1 : Long.parseLong(digits);
  }

  private static ByteBuffer buffer(long bytes) {
    if (bytes > Integer.MAX_VALUE - 1024) {
      throw new IllegalArgumentException("array too large for one .npy buffer: " + bytes + " bytes");
    }
    return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static int cols(Object[] m) {
    if (m.length == 0) {
      return 0;
    }
    int n = java.lang.reflect.Array.getLength(m[0]);
    for (Object row : m) {
      if (java.lang.reflect.Array.getLength(row) != n) {
        throw new IllegalArgumentException("ragged matrix cannot be written as .npy");
      }
    }
    return n;
  }
}
