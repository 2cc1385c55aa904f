package org.tdabench.methods.gradient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A rows x dim float matrix of features, written once row by row and then read in row blocks:
 * in memory when small, otherwise a little-endian float file in the method's scratch folder, so
 * that N x k features never have to fit in the heap.
 */
public abstract class FeatureStore implements AutoCloseable {
  private final int rows;
  private final int dim;

  FeatureStore(int rows, int dim) {
    this.rows = rows;
    this.dim = dim;
  }

  /** In memory if rows x dim x 4 bytes is at most {@code inMemoryBytes}, else a file in {@code dir}. */
  public static FeatureStore create(int rows, int dim, long inMemoryBytes, Path dir) {
    long bytes = 4L * rows * dim;
    if (bytes <= inMemoryBytes || dir == null) {
      if ((long) rows * dim > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(rows + " x " + dim + " features need a scratch folder");
      }
      return new InMemory(rows, dim);
    }
    return new OnDisk(rows, dim, dir);
  }

  /** An in-memory store holding a copy of {@code values} (rows x dim, row-major). */
  public static FeatureStore of(float[] values, int rows, int dim) {
    InMemory s = new InMemory(rows, dim);
    System.arraycopy(values, 0, s.values, 0, values.length);
    return s;
  }

  public final int rows() {
    return rows;
  }

  public final int dim() {
    return dim;
  }

  /** Writes rows [start, start + count) from {@code src[offset..]}. */
  public abstract void write(int start, int count, float[] src, int offset);

  /** Reads rows [start, start + count) into {@code out[0..]}. */
  public abstract void read(int start, int count, float[] out);

  /** Every row (small stores only). */
  public float[] all() {
    float[] out = new float[Math.multiplyExact(rows, dim)];
    read(0, rows, out);
    return out;
  }

  @Override
  public void close() {}

  private static final class InMemory extends FeatureStore {
    final float[] values;

    InMemory(int rows, int dim) {
      super(rows, dim);
      this.values = new float[rows * dim];
    }

    @Override
    public void write(int start, int count, float[] src, int offset) {
      System.arraycopy(src, offset, values, start * dim(), count * dim());
    }

    @Override
    public void read(int start, int count, float[] out) {
      System.arraycopy(values, start * dim(), out, 0, count * dim());
    }
  }

  private static final class OnDisk extends FeatureStore {
    private final Path file;
    private final FileChannel ch;

    OnDisk(int rows, int dim, Path dir) {
      super(rows, dim);
      try {
        Files.createDirectories(dir);
        file = Files.createTempFile(dir, "features-", ".f32");
        ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
            StandardOpenOption.DELETE_ON_CLOSE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a feature file in " + dir, e);
      }
    }

    @Override
    public void write(int start, int count, float[] src, int offset) {
      ByteBuffer b = ByteBuffer.allocate(4 * count * dim()).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(src, offset, count * dim());
      try {
        long pos = 4L * start * dim();
        while (b.hasRemaining()) {
          pos += ch.write(b, pos);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write features to " + file, e);
      }
    }

    @Override
    public void read(int start, int count, float[] out) {
      ByteBuffer b = ByteBuffer.allocate(4 * count * dim()).order(ByteOrder.LITTLE_ENDIAN);
      try {
        long pos = 4L * start * dim();
        while (b.hasRemaining()) {
          int n = ch.read(b, pos);
          if (n < 0) {
            throw new IOException("unexpected end of " + file);
          }
          pos += n;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read features from " + file, e);
      }
      b.flip();
      b.asFloatBuffer().get(out, 0, count * dim());
    }

    @Override
    public void close() {
      try {
        ch.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
