package org.tdabench.benchmark.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.core.AtomicFiles;

/**
 * The store under concurrent processes and kills ({@link StoreWorkload} in separate JVMs): three
 * processes of two workers each on one fresh store all succeed with identical results (no false
 * deadlocks, no creation race); a workload killed at random points twenty times leaves nothing
 * behind once the next run has swept.
 */
class StoreUnderFireIT {
  @TempDir Path dir;

  private Process start(Path store, long delayMs, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        StoreWorkload.class.getName(), store.toString(), Long.toString(delayMs))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static String finish(Process p, Path log) throws Exception {
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "workload did not finish");
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    return out.lines().filter(l -> l.startsWith("digest ")).findFirst().orElseThrow(() -> new AssertionError(out));
  }

  @Test
  void threeProcessesOfTwoWorkersOnOneFreshStoreAllSucceed() throws Exception {
    String reference = null;
    for (int rep = 0; rep < 4; rep++) {
      Path store = dir.resolve("store-" + rep); // not created: the three race to create it
      List<Process> ps = new ArrayList<>();
      List<Path> logs = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        logs.add(dir.resolve("conc-" + rep + "-" + k + ".log"));
        ps.add(start(store, 15, logs.get(k)));
      }
      for (int k = 0; k < 3; k++) {
        String d = finish(ps.get(k), logs.get(k));
        if (reference == null) {
          reference = d;
        }
        assertEquals(reference, d, "process " + k + " of repetition " + rep);
      }
      StoreVerifier.Report v = StoreVerifier.verify(ArtifactStore.open(store));
      assertTrue(v.ok(), v.problems() + " " + v.incomplete());
      assertEquals(StoreWorkload.ARTIFACTS, v.artifacts());
      assertEquals(List.of(), leftovers(store));
    }
  }

  @Test
  void killedAtRandomPointsLeavesNoLeftoversAfterTheNextRun() throws Exception {
    Path freshLog = dir.resolve("fresh.log");
    String reference = finish(start(dir.resolve("fresh"), 1, freshLog), freshLog);
    Random r = new Random(20261127);
    int hit = 0;
    for (int kill = 0; kill < 20; kill++) {
      Path store = dir.resolve("store-" + kill);
      Path log = dir.resolve("kill-" + kill + ".log");
      Process p = start(store, 40, log);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (p.isAlive() && !Files.readString(log).contains("started") && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      Thread.sleep(r.nextInt(StoreWorkload.ARTIFACTS * 40));
      p.destroyForcibly();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      hit += leftovers(store).isEmpty() ? 0 : 1;
      Path next = dir.resolve("next-" + kill + ".log");
      assertEquals(reference, finish(start(store, 1, next), next), "the same results after kill " + kill);
      assertEquals(List.of(), leftovers(store), "after kill " + kill);
      assertTrue(StoreVerifier.verify(ArtifactStore.open(store)).ok(), "after kill " + kill);
    }
    assertTrue(hit > 0, "some kills must have hit a computation");
  }

  /** Temporaries (of dead writers or not) anywhere in the store. */
  static List<Path> leftovers(Path store) throws IOException {
    if (!Files.exists(store)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(store)) {
      return s.filter(p -> AtomicFiles.isTemporary(p.getFileName().toString())).toList();
    }
  }
}
