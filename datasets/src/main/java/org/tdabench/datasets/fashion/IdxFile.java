package org.tdabench.datasets.fashion;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * An IDX array (the MNIST file format: big-endian magic {@code 0x0000TTDD} with type TT = 0x08 for
 * unsigned bytes and DD dimensions, then DD big-endian int32 sizes, then the data), optionally
 * gzipped.
 *
 * @param dims the sizes
 * @param data the unsigned bytes, row-major
 */
public record IdxFile(int[] dims, byte[] data) {

  /** Reads an unsigned-byte IDX file (gzip detected from the first bytes). */
  public static IdxFile read(Path file) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      raw.mark(2);
      int b1 = raw.read();
      int b2 = raw.read();
      raw.reset();
      InputStream in = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
      DataInputStream d = new DataInputStream(new BufferedInputStream(in, 1 << 16));
      int magic = d.readInt();
      if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xff) != 0x08) {
        throw new IOException(String.format("not an unsigned-byte IDX file (magic 0x%08x)", magic));
      }
      int nd = magic & 0xff;
      if (nd < 1 || nd > 4) {
        throw new IOException("IDX file with " + nd + " dimensions");
      }
      int[] dims = new int[nd];
      long total = 1;
      for (int i = 0; i < nd; i++) {
        dims[i] = d.readInt();
        if (dims[i] < 0) {
          throw new IOException("negative IDX dimension");
        }
        total *= dims[i];
      }
      if (total > Integer.MAX_VALUE - 16) {
        throw new IOException("IDX array too large");
      }
      byte[] data = new byte[(int) total];
      try {
        d.readFully(data);
      } catch (EOFException e) {
        throw new IOException("IDX data ends early (truncated file)", e);
      }
      if (d.read() != -1) {
        throw new IOException("IDX file has trailing bytes");
      }
      return new IdxFile(dims, data);
    }
  }
}
