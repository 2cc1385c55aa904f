package org.tdabench.core;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises the file-system problems a user must fix themselves (a full disk, a read-only mount, a
 * folder they may not write) anywhere in an exception's cause chain, and says them in one line:
 * what happened, where, and what to do. Anything else is not an environment problem.
 */
public final class IoProblems {
  private IoProblems() {}

  /** The kinds of environment problems, with the advice printed after them. */
  public enum Kind {
    DISK_FULL("no space left on device", "free some space or choose another --cache / --out folder"),
    QUOTA("disk quota exceeded", "free some space or choose another --cache / --out folder"),
    READ_ONLY("read-only file system", "choose a writable --cache / --out folder"),
    PERMISSION("permission denied", "choose a folder you may write, or fix its permissions");

    final String words;
    final String advice;

    Kind(String words, String advice) {
      this.words = words;
      this.advice = advice;
    }

    public String words() {
      return words;
    }
  }

  /** The environment problem somewhere in {@code t}'s cause chain, if there is one. */
  public static Optional<Kind> kind(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      Optional<Kind> k = kindOf(c);
      if (k.isPresent()) {
        return k;
      }
      for (Throwable s : c.getSuppressed()) {
        Optional<Kind> ks = kind(s);
        if (ks.isPresent()) {
          return ks;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Kind> kindOf(Throwable c) {
    if (c instanceof ReadOnlyFileSystemException) {
      return Optional.of(Kind.READ_ONLY);
    }
    if (c instanceof AccessDeniedException) {
      return Optional.of(Kind.PERMISSION);
    }
    String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
    if (c instanceof FileSystemException fse && fse.getReason() != null) {
      m = fse.getReason().toLowerCase(Locale.ROOT);
    }
    if (m.contains("no space left on device")) {
      return Optional.of(Kind.DISK_FULL);
    }
    if (m.contains("disk quota exceeded")) {
      return Optional.of(Kind.QUOTA);
    }
    if (m.contains("read-only file system")) {
      return Optional.of(Kind.READ_ONLY);
    }
    if (m.contains("permission denied") || m.contains("operation not permitted")) {
      return Optional.of(Kind.PERMISSION);
    }
    return Optional.empty();
  }

  /** The file named by the first {@link FileSystemException} in the chain, if any. */
  public static Optional<String> path(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof FileSystemException fse && fse.getFile() != null && !(c instanceof NoSuchFileException)) {
        return Optional.of(fse.getFile());
      }
    }
    return Optional.empty();
  }

  /** A short cause for messages: the problem's words, else the deepest message's first line. */
  public static String cause(Throwable t) {
    Optional<Kind> k = kind(t);
    if (k.isPresent()) {
      return k.get().words;
    }
    Throwable deepest = t;
    while (deepest.getCause() != null) {
      deepest = deepest.getCause();
    }
    return String.valueOf(deepest.getMessage()).lines().findFirst().orElse(deepest.getClass().getSimpleName());
  }

  /**
   * One line for the user when {@code t} is an environment problem: "cannot write PATH: no space
   * left on device (free some space or ...)", else empty.
   */
  public static Optional<String> describe(Throwable t) {
    Optional<Kind> k = kind(t);
    if (k.isEmpty()) {
      return Optional.empty();
    }
    String where = path(t).map(p -> "cannot write " + p + ": ").orElse("");
    if (where.isEmpty()) {
      String first = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
      where = first.isBlank() || first.toLowerCase(Locale.ROOT).contains(k.get().words) ? "" : first + ": ";
    }
    return Optional.of(where + k.get().words + " (" + k.get().advice + ")");
  }
}
