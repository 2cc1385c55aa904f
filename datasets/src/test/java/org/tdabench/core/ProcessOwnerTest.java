package org.tdabench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessOwnerTest {
  @TempDir Path dir;

  @Test
  void tokensRoundTripAndThisProcessIsAlive() {
    ProcessOwner me = ProcessOwner.current();
    assertEquals(me, ProcessOwner.parse(me.token()).orElseThrow());
    assertTrue(me.local() && me.mayBeAlive());
    assertFalse(ProcessOwner.parse("no-token").isPresent());
    // a reused PID is another process: a different start time is dead
    assertFalse(new ProcessOwner(me.host(), me.pid(), me.startMillis() - 3_600_000).mayBeAlive());
    // a process on another host is never judged from here
    assertTrue(new ProcessOwner("some-other-host", 1, 1).mayBeAlive());
  }

  @Test
  void aZombieIsDeadThoughJavaCallsItAlive() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc");
    // sh starts a short child, then becomes sleep, which never reaps it: a zombie for a while.
    Process p = new ProcessBuilder("sh", "-c", "sleep 0 & echo $!; exec sleep 30").start();
    try {
      long zombie = Long.parseLong(new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.US_ASCII)).readLine().trim());
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!ProcessOwner.zombie(zombie) && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      assertTrue(ProcessOwner.zombie(zombie), "the child became a zombie");
      assertTrue(ProcessHandle.of(zombie).map(ProcessHandle::isAlive).orElse(false), "Java counts a zombie as alive");
      assertFalse(ProcessOwner.alive(zombie, 0));
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void staleTemporariesAreThoseOfDeadWritersOnThisHost() throws Exception {
    ProcessOwner me = ProcessOwner.current();
    Path live = Files.createDirectories(AtomicFiles.tempSibling(dir.resolve("a")));
    Path dead = Files.createDirectories(dir.resolve(".b" + AtomicFiles.TEMP_MARK
        + new ProcessOwner(me.host(), me.pid(), me.startMillis() - 7_200_000).token() + "-3"));
    Path foreign = Files.createDirectories(dir.resolve(".c" + AtomicFiles.TEMP_MARK
        + new ProcessOwner("elsewhere", 4242, 1).token() + "-0"));
    Path old = Files.createDirectories(dir.resolve(".d" + AtomicFiles.TEMP_MARK + "2147480000-0"));
    assertEquals(java.util.Set.of(dead, old), java.util.Set.copyOf(AtomicFiles.cleanStaleTemporaries(dir)));
    assertTrue(Files.exists(live) && Files.exists(foreign));
    assertFalse(Files.exists(dead) || Files.exists(old));
  }
}
