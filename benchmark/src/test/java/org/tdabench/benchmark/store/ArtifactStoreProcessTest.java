package org.tdabench.benchmark.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs on one store: the file lock, and resuming after a killed computation. */
class ArtifactStoreProcessTest {
  @TempDir Path dir;

  private Process child(Path store, Path markers, String mode) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StoreChild.class.getName(),
        store.toString(), markers.toString(), mode)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("child-" + mode + ".log").toFile())
        .start();
  }

  private static void awaitFile(Path p, Process proc) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(p)) {
      if (!proc.isAlive()) {
        throw new AssertionError("child exited early with " + proc.exitValue());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("child never reached " + p.getFileName());
      }
      Thread.sleep(20);
    }
  }

  @Test
  void secondProcessWaitsAndReuses() throws Exception {
    Path store = dir.resolve("store");
    Path markers = Files.createDirectories(dir.resolve("markers"));
    ArtifactStore.open(store);
    Process proc = child(store, markers, "wait");
    try {
      awaitFile(markers.resolve("started"), proc);
      AtomicInteger calls = new AtomicInteger();
      ArtifactStore mine = ArtifactStore.open(store);
      CompletableFuture<Artifact> here = CompletableFuture.supplyAsync(() -> {
        try {
          return mine.getOrCompute(ArtifactStoreTest.recipe("shared"), ctx -> calls.incrementAndGet());
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });
      Thread.sleep(300);
      assertFalse(here.isDone(), "this process must wait for the other's lock");
      Files.createFile(markers.resolve("release"));
      assertTrue(proc.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, proc.exitValue(), Files.readString(dir.resolve("child-wait.log")));
      Artifact a = here.get(120, TimeUnit.SECONDS);
      assertTrue(a.reused());
      assertEquals(0, calls.get());
      assertEquals("from child", Files.readString(a.file("payload.txt")));
      assertEquals(List.of("child"), Files.readAllLines(markers.resolve("computed")));
    } finally {
      proc.destroyForcibly();
    }
  }

  @Test
  void killedComputationLeavesNothingCompleteAndResumes() throws Exception {
    Path store = dir.resolve("store");
    Path markers = Files.createDirectories(dir.resolve("markers"));
    ArtifactStore s = ArtifactStore.open(store);
    Process proc = child(store, markers, "hang");
    awaitFile(markers.resolve("started"), proc);
    proc.destroyForcibly();
    assertTrue(proc.waitFor(60, TimeUnit.SECONDS));

    Recipe r = ArtifactStoreTest.recipe("shared");
    Path parent = s.folderOf(r).getParent();
    assertTrue(s.find(r).isEmpty(), "a killed computation must not look complete");
    assertTrue(ArtifactStoreTest.children(parent).stream()
        .anyMatch(p -> p.getFileName().toString().startsWith("." + r.hash() + ".tmp-")), "temporary left behind");

    Artifact a = s.getOrCompute(r, ctx -> Files.writeString(ctx.folder().resolve("payload.txt"), "resumed"));
    assertFalse(a.reused());
    assertEquals("resumed", Files.readString(a.file("payload.txt")));
    assertFalse(Files.exists(a.file("partial.bin")));
    assertTrue(ArtifactStoreTest.children(parent).stream()
        .noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "stale temporary cleaned");
  }
}
