package org.tdabench.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The process that owns a temporary file or folder, written into its name as
 * {@code <host>_<pid>_<start millis>} so that a later process can tell whether the writer is still
 * running: on the same host the PID must be alive, not a zombie, and have the same start time (a
 * reused PID is another process); a writer on another host (a shared cluster store) is never judged
 * from here.
 *
 * @param host this host's name (letters, digits, '.', '-')
 * @param pid the process id
 * @param startMillis the process start time (epoch millis; 0 if unknown)
 */
public record ProcessOwner(String host, long pid, long startMillis) {
  private static final ProcessOwner CURRENT = new ProcessOwner(localHost(), ProcessHandle.current().pid(),
      ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L));

  /** This process. */
  public static ProcessOwner current() {
    return CURRENT;
  }

  /** The token written into names. */
  public String token() {
    return host + "_" + pid + "_" + startMillis;
  }

  /** Parses a token; empty if it is not one. */
  public static Optional<ProcessOwner> parse(String token) {
    int b = token.lastIndexOf('_');
    int a = b < 0 ? -1 : token.lastIndexOf('_', b - 1);
    if (a <= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ProcessOwner(token.substring(0, a), Long.parseLong(token.substring(a + 1, b)),
          Long.parseLong(token.substring(b + 1))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether the owner runs on this host (only then can its liveness be checked). */
  public boolean local() {
    return host.equals(CURRENT.host);
  }

  /**
   * Whether the owner may still be running: true for another host's process (unknown from here);
   * on this host, whether the PID is alive, not a zombie, and started when the token says.
   */
  public boolean mayBeAlive() {
    if (!local()) {
      return true;
    }
    return alive(pid, startMillis);
  }

  /** Whether local process {@code pid} runs (not a zombie) and, if {@code startMillis > 0}, started then. */
  public static boolean alive(long pid, long startMillis) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isEmpty() || !h.get().isAlive() || zombie(pid)) {
      return false;
    }
    if (startMillis > 0) {
      Optional<Instant> start = h.get().info().startInstant();
      // The JVM reports start times rounded differently on some systems: allow a second.
      return start.isEmpty() || Math.abs(start.get().toEpochMilli() - startMillis) < 1000;
    }
    return true;
  }

  /** A killed process whose parent has not reaped it yet still has a PID: Java calls it alive. */
  static boolean zombie(long pid) {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    try {
      String s = Files.readString(stat, StandardCharsets.US_ASCII);
      int close = s.lastIndexOf(')');
      if (close < 0 || close + 2 >= s.length()) {
        return false;
      }
      char state = s.charAt(close + 2);
      return state == 'Z' || state == 'X' || state == 'x';
    } catch (IOException | RuntimeException e) {
      return false; // no /proc (not Linux) or gone: ProcessHandle has the last word
    }
  }

  private static String localHost() {
    String h = null;
    try {
      h = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      h = System.getenv("HOSTNAME");
    }
    if (h == null || h.isBlank()) {
      h = "localhost";
    }
    String clean = h.replaceAll("[^A-Za-z0-9.-]", "-");
    return clean.length() > 48 ? clean.substring(0, 48) : clean;
  }
}
