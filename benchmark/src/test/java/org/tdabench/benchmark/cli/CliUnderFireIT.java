package org.tdabench.benchmark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.benchmark.store.ArtifactStore;
import org.tdabench.benchmark.store.StoreVerifier;

/**
 * The command line as a hostile environment meets it, in real processes: the launcher's child ends
 * with the launcher (SIGKILL) and on SIGTERM; a full disk and a read-only output folder end in one
 * line naming the cause, exit 2, no stack trace, and a rerun after the disk grew completes.
 */
class CliUnderFireIT {
  @TempDir Path dir;

  private Process tdabench(Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove(Launcher.CHILD);
    pb.environment().remove(Launcher.LAUNCHER_PID);
    return pb.start();
  }

  private static Optional<ProcessHandle> awaitChild(Process launcher) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && launcher.isAlive()) {
      Optional<ProcessHandle> c = launcher.children().findFirst();
      if (c.isPresent()) {
        return c;
      }
      Thread.sleep(20);
    }
    return Optional.empty();
  }

  private static boolean gone(ProcessHandle h, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (!h.isAlive() || org.tdabench.core.ProcessOwner.alive(h.pid(), 0) == false) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  @Test
  void theChildEndsWithItsLauncher() throws Exception {
    for (boolean kill : new boolean[] {true, false}) {
      Path log = dir.resolve("launcher-" + kill + ".log");
      Process launcher = tdabench(log, "run", "--preset", "tiny", "--cache", dir.resolve("cache").toString(),
          "--out", dir.resolve("out").toString());
      ProcessHandle child = awaitChild(launcher).orElseThrow(() -> new AssertionError("no child JVM"));
      Thread.sleep(1500);
      if (kill) {
        launcher.destroyForcibly(); // SIGKILL: no shutdown hook runs in the launcher
      } else {
        launcher.destroy(); // SIGTERM: forwarded
      }
      assertTrue(launcher.waitFor(60, TimeUnit.SECONDS));
      assertTrue(gone(child, 30), "the child JVM outlived its launcher (" + (kill ? "SIGKILL" : "SIGTERM") + ")");
    }
  }

  /** Runs {@code mount args...}; false where this machine does not allow it. */
  private static boolean mount(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("mount"));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static void umount(Path p) throws Exception {
    new ProcessBuilder("umount", "-l", p.toString()).start().waitFor(30, TimeUnit.SECONDS);
  }

  private static void assertOneLine(String output, String cause) {
    List<String> lines = output.strip().lines().filter(l -> l.startsWith("tdabench:")).toList();
    String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    assertTrue(last.contains(cause), "last line names the cause '" + cause + "': " + output);
    assertFalse(output.contains("\tat ") || output.contains("Caused by") || output.contains("Exception:")
        && !last.contains("Exception:"), "no stack trace: " + output);
  }

  @Test
  void aFullDiskIsOneLineAndARerunAfterItGrewCompletes() throws Exception {
    Path small = Files.createDirectories(dir.resolve("small"));
    assumeTrue(mount("-t", "tmpfs", "-o", "size=400k", "tmpfs", small.toString()), "needs tmpfs mounts (root)");
    try {
      Path log = dir.resolve("full.log");
      Process p = tdabench(log, "train", "--preset", "tiny", "--cache", small.toString());
      assertTrue(p.waitFor(300, TimeUnit.SECONDS));
      String out = Files.readString(log, StandardCharsets.UTF_8);
      assertEquals(2, p.exitValue(), out);
      // Either the free-space check before the trainings or the write that found the disk full.
      assertOneLine(out, "space");
      assertTrue(mount("-o", "remount,size=200m", small.toString()));
      Path again = dir.resolve("again.log");
      Process q = tdabench(again, "train", "--preset", "tiny", "--cache", small.toString());
      assertTrue(q.waitFor(600, TimeUnit.SECONDS));
      assertEquals(0, q.exitValue(), Files.readString(again, StandardCharsets.UTF_8));
      StoreVerifier.Report v = StoreVerifier.verify(ArtifactStore.open(small.resolve("store")));
      assertTrue(v.ok() && v.artifacts() > 0, v.problems().toString());
    } finally {
      umount(small);
    }
  }

  @Test
  void aReadOnlyOutputFolderFailsBeforeAnyWork() throws Exception {
    Path ro = Files.createDirectories(dir.resolve("ro"));
    assumeTrue(mount("-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", ro.toString()), "needs tmpfs mounts (root)");
    try {
      Path log = dir.resolve("ro.log");
      Path cache = dir.resolve("cache-ro");
      Process p = tdabench(log, "run", "--preset", "tiny", "--cache", cache.toString(), "--out", ro.toString());
      assertTrue(p.waitFor(120, TimeUnit.SECONDS));
      String out = Files.readString(log, StandardCharsets.UTF_8);
      assertEquals(2, p.exitValue(), out);
      assertOneLine(out, "read-only file system");
      assertFalse(Files.exists(cache.resolve("store").resolve("model")), "no training ran");
    } finally {
      umount(ro);
    }
  }
}
