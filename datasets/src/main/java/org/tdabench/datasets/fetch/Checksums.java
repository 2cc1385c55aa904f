package org.tdabench.datasets.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.tdabench.core.Hashing;

/** SHA-256 and MD5 of a file in one pass, and the SHA-256 of a gzip file's payload. */
public final class Checksums {
  private static final int BUFFER = 1 << 20;

  /** The digests of one file. */
  public record Digests(long bytes, String sha256, String md5) {}

  private Checksums() {}

  /** Reads {@code file} once and returns its size, SHA-256 and MD5. */
  public static Digests of(Path file) throws IOException {
    MessageDigest sha = Hashing.sha256();
    MessageDigest md5 = md5();
    long n = 0;
    byte[] buf = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      int r;
      while ((r = in.read(buf)) > 0) {
        sha.update(buf, 0, r);
        md5.update(buf, 0, r);
        n += r;
      }
    }
    return new Digests(n, HexFormat.of().formatHex(sha.digest()), HexFormat.of().formatHex(md5.digest()));
  }

  /** SHA-256 of the decompressed content of a gzip file. */
  public static String gunzippedSha256(Path file) throws IOException {
    MessageDigest sha = Hashing.sha256();
    byte[] buf = new byte[BUFFER];
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), BUFFER)) {
      int r;
      while ((r = in.read(buf)) > 0) {
        sha.update(buf, 0, r);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 unavailable", e);
    }
  }
}
