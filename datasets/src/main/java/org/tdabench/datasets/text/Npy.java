package org.tdabench.datasets.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a numpy {@code .npy} array (format versions 1-3): dtype, order and shape. See
 * numpy's {@code numpy.lib.format} documentation.
 *
 * @param descr dtype string, e.g. {@code <f4}
 * @param fortranOrder true for column-major data (not supported by the readers here)
 * @param shape array shape
 * @param headerBytes bytes before the data (magic, version, length and header text)
 */
public record Npy(String descr, boolean fortranOrder, long[] shape, int headerBytes) {
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']+)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** Reads the header from the start of {@code in}, leaving the stream at the first data byte. */
  public static Npy readHeader(InputStream in) throws IOException {
    byte[] magic = in.readNBytes(8);
    if (magic.length < 8 || (magic[0] & 0xff) != 0x93 || magic[1] != 'N' || magic[2] != 'U' || magic[3] != 'M'
        || magic[4] != 'P' || magic[5] != 'Y') {
      throw new IOException("not a .npy array (bad magic)");
    }
    int major = magic[6];
    int lenBytes = major == 1 ? 2 : 4;
    byte[] lb = in.readNBytes(lenBytes);
    if (lb.length < lenBytes) {
      throw new IOException("truncated .npy header");
    }
    long len = 0;
    for (int i = lenBytes - 1; i >= 0; i--) {
      len = (len << 8) | (lb[i] & 0xff);
    }
    byte[] hdr = in.readNBytes((int) len);
    if (hdr.length < len) {
      throw new IOException("truncated .npy header");
    }
    String h = new String(hdr, major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher d = DESCR.matcher(h);
    Matcher f = FORTRAN.matcher(h);
    Matcher s = SHAPE.matcher(h);
    if (!d.find() || !f.find() || !s.find()) {
      throw new IOException("unreadable .npy header: " + h.strip());
    }
    List<Long> dims = new ArrayList<>();
    for (String part : s.group(1).split(",")) {
      if (!part.isBlank()) {
        dims.add(Long.parseLong(part.strip()));
      }
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    return new Npy(d.group(1), "True".equals(f.group(1)), shape, 8 + lenBytes + (int) len);
  }

  /** Number of elements. */
  public long elements() {
    long n = 1;
    for (long v : shape) {
      n *= v;
    }
    return n;
  }
}
