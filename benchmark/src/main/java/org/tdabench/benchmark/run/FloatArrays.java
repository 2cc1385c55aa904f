package org.tdabench.benchmark.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.tdabench.benchmark.export.Npy;

/** Float and int arrays of artifacts as {@code .npy} files (numpy reads them as they are). */
final class FloatArrays {
  private FloatArrays() {}

  static void write(Path file, float[] v, long... shape) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    b.position(b.capacity()); // Npy.write takes the bytes before the position
    try {
      Npy.write(file, "<f4", shape, b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void writeInts(Path file, int[] v) {
    try {
      Npy.write(file, v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void writeDoubles(Path file, double[] v) {
    try {
      Npy.write(file, v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static float[] read(Path file) {
    try {
      return Npy.read(file).floats();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int[] readInts(Path file) {
    try {
      return Npy.read(file).ints();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double[] readDoubles(Path file) {
    try {
      return Npy.read(file).doubles();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
