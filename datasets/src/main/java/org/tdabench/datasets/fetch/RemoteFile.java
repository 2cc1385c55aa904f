package org.tdabench.datasets.fetch;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * One downloadable source file with the checksums pinned for it.
 *
 * <p>Verification order (see {@link Verifier}): the file's SHA-256 if pinned; else its MD5 if that
 * is all upstream publishes (the SHA-256 is then computed and recorded); else the SHA-256 of the
 * decompressed payload where pinned (for repackaged copies such as Debian's, whose gzip headers
 * differ from upstream's); else nothing is published and the first verified SHA-256 is recorded
 * ("first use") so that later uses detect any change.
 *
 * @param fileName the file's name in the download cache (and usually the last URL segment)
 * @param url where it is downloaded from (overridable with a mirror or per-file URL)
 * @param size expected size in bytes, or -1 when not published
 * @param sha256 pinned SHA-256 of the file (lower-case hex), or null
 * @param md5 pinned MD5 of the file (lower-case hex), or null
 * @param contentSha256 pinned SHA-256 of the gunzipped payload of a .gz file, or null
 * @param provenance who published the pinned checksums, cited in the manifest
 * @param extractedName the name of the folder the archive unpacks to, when an already extracted
 *     copy may stand in for the archive (null when it may not)
 */
public record RemoteFile(
    String fileName,
    URI url,
    long size,
    String sha256,
    String md5,
    String contentSha256,
    String provenance,
    String extractedName) {

  public RemoteFile {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(provenance, "provenance");
    if (fileName.contains("/") || fileName.isBlank()) {
      throw new IllegalArgumentException("bad file name: " + fileName);
    }
    sha256 = lower(sha256);
    md5 = lower(md5);
    contentSha256 = lower(contentSha256);
  }

  /** A file with nothing published: the first verified SHA-256 is recorded. */
  public static RemoteFile unpublished(String fileName, String url, String extractedName) {
    return new RemoteFile(fileName, URI.create(url), -1, null, null, null,
        "no checksum is published upstream; the SHA-256 of the first verified copy is recorded",
        extractedName);
  }

  /** True when some checksum is pinned in code. */
  public boolean hasPinnedChecksum() {
    return sha256 != null || md5 != null || contentSha256 != null;
  }

  /** The same file at another URL (mirrors, tests). */
  public RemoteFile withUrl(URI newUrl) {
    return new RemoteFile(fileName, newUrl, size, sha256, md5, contentSha256, provenance, extractedName);
  }

  /**
   * The same file checked against a SHA-256 the user gave instead of the pinned checksums (a
   * re-packaged mirror's copy, say); the provenance says so.
   */
  public RemoteFile withUserSha256(String userSha256) {
    return new RemoteFile(fileName, url, -1, userSha256, null, null,
        "SHA-256 given by the user with --expect-sha256 (replacing the pinned checksums: " + provenance + ")",
        extractedName);
  }

  /** The same file with other pinned checksums (tests). */
  public RemoteFile withChecksums(String newSha256, String newMd5, String newContentSha256) {
    return new RemoteFile(fileName, url, size, newSha256, newMd5, newContentSha256, provenance, extractedName);
  }

  private static String lower(String s) {
    return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
  }
}
