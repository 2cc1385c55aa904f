package org.tdabench.core;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes that either complete or leave nothing behind: content goes to a temporary sibling
 * ({@code .name.tmp-<host>_<pid>_<start>-<n>}, see {@link ProcessOwner}), is flushed to disk, and
 * is renamed into place only when complete. Readers therefore never see a half-written file or
 * folder under its final name, and a temporary whose writer died is recognisable by its name.
 */
public final class AtomicFiles {
  private static long counter;

  private AtomicFiles() {}

  /** Something that writes to an output stream. */
  @FunctionalInterface
  public interface StreamWriter {
    void write(OutputStream out) throws IOException;
  }

  /** Something that fills a (temporary) folder. */
  @FunctionalInterface
  public interface FolderWriter {
    void write(Path folder) throws IOException;
  }

  /** The marker between a temporary's base name and its owner. */
  public static final String TEMP_MARK = ".tmp-";

  /** A fresh temporary sibling path of {@code target}, named after this process. */
  public static synchronized Path tempSibling(Path target) {
    Path parent = target.toAbsolutePath().getParent();
    String name = "." + target.getFileName() + TEMP_MARK + ProcessOwner.current().token() + "-" + (counter++);
    return parent.resolve(name);
  }

  /** Whether {@code name} is a temporary written through this class. */
  public static boolean isTemporary(String name) {
    return name.startsWith(".") && name.contains(TEMP_MARK);
  }

  /**
   * Whether the writer of temporary {@code name} is certainly gone: on this host and no longer
   * running (killed, or a zombie). A writer on another host is never judged dead from here.
   */
  public static boolean writerDead(String name) {
    int i = name.lastIndexOf(TEMP_MARK);
    if (i < 0) {
      return false;
    }
    String rest = name.substring(i + TEMP_MARK.length());
    int dash = rest.lastIndexOf('-');
    String token = dash < 0 ? rest : rest.substring(0, dash);
    java.util.Optional<ProcessOwner> owner = ProcessOwner.parse(token);
    if (owner.isPresent()) {
      return !owner.get().mayBeAlive();
    }
    // Older names carried only the PID.
    try {
      return !ProcessOwner.alive(Long.parseLong(token), 0);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Writes a file atomically. */
  public static void writeFile(Path target, StreamWriter writer) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = tempSibling(target);
    try {
      try (java.io.FileOutputStream out = new java.io.FileOutputStream(tmp.toFile())) {
        writer.write(out);
        out.flush();
        out.getFD().sync();
      }
      move(tmp, target);
      syncFolder(parent);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /** Writes bytes atomically. */
  public static void writeBytes(Path target, byte[] bytes) throws IOException {
    writeFile(target, out -> out.write(bytes));
  }

  /**
   * Fills a temporary folder and renames it to {@code target}. If {@code target} already exists it
   * is replaced only when {@code replace} is true; otherwise the new folder is discarded and the
   * existing one kept (another process finished first).
   */
  public static void writeFolder(Path target, boolean replace, FolderWriter writer) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = tempSibling(target);
    Files.createDirectories(tmp);
    try {
      writer.write(tmp);
      syncTree(tmp);
      if (Files.exists(target)) {
        if (!replace) {
          deleteRecursively(tmp);
          return;
        }
        Path old = tempSibling(target);
        move(target, old);
        move(tmp, target);
        deleteRecursively(old);
      } else {
        move(tmp, target);
      }
      syncFolder(parent);
    } catch (IOException | RuntimeException e) {
      deleteRecursively(tmp);
      throw e;
    }
  }

  /** Flushes every file under {@code root} to disk (so a rename never publishes unwritten data). */
  static void syncTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(p,
            java.nio.file.StandardOpenOption.WRITE)) {
          ch.force(true);
        }
      }
    }
  }

  /** Flushes a folder's entries (the rename itself); ignored where folders cannot be opened. */
  static void syncFolder(Path folder) {
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(folder,
        java.nio.file.StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      // not supported on this platform or file system: the rename is still atomic
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes a file or folder tree; missing paths are ignored. */
  public static void deleteRecursively(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      walk.sorted(Comparator.reverseOrder()).forEach(q -> {
        try {
          Files.deleteIfExists(q);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes temporaries in {@code folder} whose writers are dead ({@link #writerDead}); returns them. */
  public static java.util.List<Path> cleanStaleTemporaries(Path folder) throws IOException {
    java.util.List<Path> removed = new java.util.ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return removed;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, ".*" + TEMP_MARK + "*")) {
      for (Path p : ds) {
        if (writerDead(p.getFileName().toString())) {
          deleteRecursively(p);
          removed.add(p);
        }
      }
    }
    return removed;
  }
}
