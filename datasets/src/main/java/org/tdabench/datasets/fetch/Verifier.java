package org.tdabench.datasets.fetch;

import java.io.IOException;
import java.nio.file.Path;
import org.tdabench.core.UserError;

/**
 * Checks a local file against the checksums pinned for it (see {@link RemoteFile} for the order).
 * Mismatches are {@link UserError}s naming the file and what to do.
 */
public final class Verifier {
  /** Verification label for files whose checksums nobody publishes. */
  public static final String FIRST_USE = "first use (nothing published; this SHA-256 is now recorded)";
  /** Verification label for files checked against a SHA-256 the user gave instead of the pinned one. */
  public static final String USER_SHA256 = "user sha256 (--expect-sha256, overriding the pinned checksums)";

  private Verifier() {}

  /**
   * Verifies {@code file} as a copy of {@code remote}.
   *
   * @param recordedSha256 a SHA-256 recorded at first use, or null
   * @param origin where the file came from, for messages and the manifest
   * @param advice what the user should do on a mismatch (e.g. "fetch it again")
   */
  public static VerifiedFile verify(RemoteFile remote, Path file, String recordedSha256, String origin,
      String advice) throws IOException {
    Checksums.Digests d = Checksums.of(file);
    String against;
    if (remote.sha256() != null) {
      if (!remote.sha256().equals(d.sha256()) && !contentMatches(remote, file)) {
        throw mismatch(remote, file, "SHA-256", remote.sha256(), d.sha256(), advice);
      }
      against = remote.sha256().equals(d.sha256()) ? "pinned sha256" : "pinned content sha256";
      if (remote.md5() != null && remote.sha256().equals(d.sha256()) && !remote.md5().equals(d.md5())) {
        throw mismatch(remote, file, "MD5", remote.md5(), d.md5(), advice);
      }
    } else if (remote.md5() != null) {
      if (remote.md5().equals(d.md5())) {
        against = "pinned md5 (upstream publishes only an MD5; the SHA-256 here was computed)";
      } else if (contentMatches(remote, file)) {
        against = "pinned content sha256";
      } else {
        throw mismatch(remote, file, "MD5", remote.md5(), d.md5(), advice);
      }
    } else if (remote.contentSha256() != null) {
      if (!contentMatches(remote, file)) {
        throw new UserError(file + " is not the expected " + remote.fileName()
            + " (its decompressed content has the wrong SHA-256); " + advice);
      }
      against = "pinned content sha256";
    } else if (recordedSha256 != null) {
      if (!recordedSha256.equals(d.sha256())) {
        throw new UserError("checksum mismatch for " + file + ": its SHA-256 is " + d.sha256() + " but the copy of "
            + remote.fileName() + " first used here had " + recordedSha256 + " (nothing is published upstream, so the"
            + " first copy's hash was recorded); if the new copy is intended, delete " + remote.fileName()
            + ".verified.json in the download cache, otherwise " + advice);
      }
      against = "recorded sha256 (first use; nothing published)";
    } else {
      against = FIRST_USE;
    }
    if (remote.size() >= 0 && remote.size() != d.bytes() && !against.contains("content")) {
      throw new UserError(file + " has " + d.bytes() + " bytes but " + remote.fileName() + " has "
          + remote.size() + "; it is truncated or not the right file: " + advice);
    }
    return new VerifiedFile(remote.fileName(), file, d.bytes(), d.sha256(), d.md5(), against,
        remote.provenance(), origin);
  }

  private static boolean contentMatches(RemoteFile remote, Path file) {
    if (remote.contentSha256() == null) {
      return false;
    }
    try {
      return remote.contentSha256().equals(Checksums.gunzippedSha256(file));
    } catch (IOException e) {
      return false; // not a readable gzip file: certainly not the expected content
    }
  }

  private static UserError mismatch(RemoteFile remote, Path file, String kind, String expected,
      String actual, String advice) {
    return new UserError("checksum mismatch for " + file + ": " + kind + " is " + actual + " but "
        + remote.fileName() + " must have " + expected + "; " + advice);
  }
}
