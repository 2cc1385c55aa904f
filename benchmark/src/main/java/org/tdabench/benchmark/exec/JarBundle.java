package org.tdabench.benchmark.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.tdabench.core.AtomicFiles;
import org.tdabench.core.UserError;

/**
 * A copy of tdabench.jar and the libraries its manifest names ({@code lib/*.jar}) inside the store, in
 * a folder named by the hash of their bytes ({@code <store>/jobs/bin/<hash>/}): pending cluster tasks
 * keep running the build they were planned with, whatever is rebuilt meanwhile, and two plans from the
 * same build share one copy.
 */
public final class JarBundle {
  private JarBundle() {}

  /**
   * Copies {@code jar} and its manifest's Class-Path into {@code <store>/jobs/bin/<hash>/} unless that
   * copy exists; returns the copied jar.
   *
   * @throws UserError if the jar or one of its libraries is missing or unreadable
   */
  public static Path install(Path jarPath, Path storeRoot) throws IOException {
    Path jar = jarPath.toAbsolutePath().normalize();
    List<Path> files = filesOf(jar);
    MessageDigest md = org.tdabench.core.Hashing.sha256();
    byte[] buf = new byte[1 << 16];
    for (Path f : files) {
      md.update(jar.getParent().relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      md.update((byte) 0);
      try (InputStream in = Files.newInputStream(f)) {
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
      }
    }
    String hash = java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16);
    Path target = storeRoot.resolve("jobs").resolve("bin").resolve(hash);
    Path copied = target.resolve(jar.getFileName().toString());
    if (Files.isRegularFile(copied)) {
      return copied;
    }
    AtomicFiles.writeFolder(target, false, tmp -> {
      for (Path f : files) {
        Path dest = tmp.resolve(jar.getParent().relativize(f).toString());
        Files.createDirectories(dest.getParent());
        Files.copy(f, dest);
      }
    });
    return copied;
  }

  /** The jar and every existing file its manifest Class-Path names, relative to the jar's folder. */
  static List<Path> filesOf(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new UserError("no tdabench jar at " + jar + ": build it (`mvn -DskipTests package` makes "
          + "benchmark/target/tdabench.jar) or pass --jar PATH");
    }
    List<Path> files = new ArrayList<>();
    files.add(jar);
    Path dir = jar.toAbsolutePath().getParent();
    try (JarFile jf = new JarFile(jar.toFile())) {
      Manifest m = jf.getManifest();
      String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
      if (cp != null) {
        for (String entry : cp.trim().split("\\s+")) {
          if (entry.isEmpty()) {
            continue;
          }
          Path lib = dir.resolve(entry).normalize();
          if (!lib.startsWith(dir) || !Files.isRegularFile(lib)) {
            throw new UserError("the jar " + jar + " needs " + entry + " beside it, which is missing: copy the whole "
                + "target folder (jar and lib/) or rebuild");
          }
          files.add(lib);
        }
      }
    } catch (IOException e) {
      throw new UserError("cannot read the jar " + jar + " (" + e.getMessage() + "): pass the path of tdabench.jar");
    }
    return files;
  }
}
