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
 * ({@code .name.tmp-<pid>-<n>}) and is renamed into place only when complete. Readers therefore
 * never see a half-written file or folder under its final name.
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

  /** A fresh temporary sibling path of {@code target}. */
  public static synchronized Path tempSibling(Path target) {
    Path parent = target.toAbsolutePath().getParent();
    String name = "." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + (counter++);
    return parent.resolve(name);
  }

  /** Writes a file atomically. */
  public static void writeFile(Path target, StreamWriter writer) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = tempSibling(target);
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        writer.write(out);
      }
      move(tmp, target);
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
    } catch (IOException | RuntimeException e) {
      deleteRecursively(tmp);
      throw e;
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

  /** Removes temporary siblings left in {@code folder} by killed processes. */
  public static int cleanStaleTemporaries(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    int n = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, ".*.tmp-*")) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        long pid = parsePid(name);
        if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          continue; // still being written
        }
        deleteRecursively(p);
        n++;
      }
    }
    return n;
  }

  private static long parsePid(String name) {
    int i = name.lastIndexOf(".tmp-");
    if (i < 0) {
      return -1;
    }
    String rest = name.substring(i + 5);
    int dash = rest.indexOf('-');
    try {
      return Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
