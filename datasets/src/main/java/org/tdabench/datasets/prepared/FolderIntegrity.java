package org.tdabench.datasets.prepared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tdabench.core.Hashing;
import org.tdabench.core.UserError;

/**
 * Checks that a prepared folder is what its manifest says: cheap size checks on every open, and a
 * full re-hash on request.
 */
public final class FolderIntegrity {
  private FolderIntegrity() {}

  /** Checks the sizes of the data files against the manifest and the shapes it declares. */
  public static void checkSizes(Path folder, Manifest m) {
    long n = m.count();
    long d = m.cond().shape().get(1);
    checkSize(folder, PreparedFormat.IMAGES, m.images().bytes(), m);
    checkSize(folder, PreparedFormat.COND, n * d * 4L, m);
    if (!PreparedFormat.RAGGED.equals(m.images().layout())) {
      long r = m.images().resolution();
      if (m.images().bytes() != n * r * r * m.images().channels()) {
        throw new UserError(folder.resolve(PreparedFormat.MANIFEST) + " is inconsistent (image bytes vs shape);"
            + " delete the folder and prepare again");
      }
    }
    if (m.captions() != null) {
      checkSize(folder, PreparedFormat.CAPTIONS_COND, m.captions().shape().get(0) * d * 4L, m);
    }
  }

  private static void checkSize(Path folder, String name, long expected, Manifest m) {
    Path p = folder.resolve(name);
    try {
      long actual = Files.size(p);
      Manifest.FileEntry fe = m.files() == null ? null : m.files().get(name);
      if (actual != expected || (fe != null && fe.bytes() != actual)) {
        throw new UserError(p + " has " + actual + " bytes but the manifest needs " + expected
            + "; delete " + folder + " and run `tdabench prepare` again");
      }
    } catch (IOException e) {
      throw new UserError("missing " + p + "; delete " + folder + " and run `tdabench prepare` again");
    }
  }

  /** Re-hashes every data file and compares with the manifest. */
  public static void verifyChecksums(Path folder, Manifest m) {
    for (Map.Entry<String, Manifest.FileEntry> e : m.files().entrySet()) {
      Path p = folder.resolve(e.getKey());
      String actual;
      try {
        actual = Hashing.sha256Hex(p);
      } catch (IOException ex) {
        throw new UserError("cannot read " + p + " (" + UserError.oneLine(ex.getMessage()) + ")");
      }
      if (!actual.equals(e.getValue().sha256())) {
        throw new UserError(p + " does not match its checksum in the manifest; delete " + folder
            + " and run `tdabench prepare` again");
      }
    }
  }
}
