package org.tdabench.datasets.prepared;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only memory map of a whole file of any size. {@link FileChannel#map} is limited to 2 GiB
 * per mapping (COCO's images exceed it), so the file is mapped in 1 GiB chunks; every read uses
 * absolute positions, so one instance may be shared by threads.
 */
public final class MappedFile {
  private static final int CHUNK_BITS = 30;
  private static final long CHUNK = 1L << CHUNK_BITS;
  private static final long MASK = CHUNK - 1;

  private final MappedByteBuffer[] chunks;
  private final long size;

  private MappedFile(MappedByteBuffer[] chunks, long size) {
    this.chunks = chunks;
    this.size = size;
  }

  /** Maps {@code file} read-only (little-endian for float reads). */
  public static MappedFile open(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      int n = (int) ((size + CHUNK - 1) >>> CHUNK_BITS);
      MappedByteBuffer[] chunks = new MappedByteBuffer[n];
      for (int i = 0; i < n; i++) {
        long start = (long) i << CHUNK_BITS;
        chunks[i] = ch.map(FileChannel.MapMode.READ_ONLY, start, Math.min(CHUNK, size - start));
        chunks[i].order(ByteOrder.LITTLE_ENDIAN);
      }
      return new MappedFile(chunks, size); // the mapping stays valid after the channel closes
    }
  }

  public long size() {
    return size;
  }

  /** The byte at {@code pos} as 0..255. */
  public int u8(long pos) {
    return chunks[(int) (pos >>> CHUNK_BITS)].get((int) (pos & MASK)) & 0xff;
  }

  /** Copies {@code len} bytes from {@code pos} into {@code dst[off..]}. */
  public void get(long pos, byte[] dst, int off, int len) {
    if (pos < 0 || pos + len > size) {
      throw new IndexOutOfBoundsException("read past the end of the mapped file");
    }
    while (len > 0) {
      int c = (int) (pos >>> CHUNK_BITS);
      int in = (int) (pos & MASK);
      int n = (int) Math.min(len, CHUNK - in);
      chunks[c].get(in, dst, off, n);
      pos += n;
      off += n;
      len -= n;
    }
  }

  /** The little-endian float at byte position {@code pos} (4-aligned, so never split by a chunk). */
  public float f32(long pos) {
    return chunks[(int) (pos >>> CHUNK_BITS)].getFloat((int) (pos & MASK));
  }

  /** Copies {@code len} floats starting at byte {@code pos} into {@code dst[off..]}. */
  public void getFloats(long pos, float[] dst, int off, int len) {
    if (pos < 0 || pos + 4L * len > size) {
      throw new IndexOutOfBoundsException("read past the end of the mapped file");
    }
    for (int i = 0; i < len; i++) {
      dst[off + i] = f32(pos + 4L * i);
    }
  }
}
