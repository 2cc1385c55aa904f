package org.tdabench.benchmark.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.core.UserError;

class ArtifactStoreTest {
  @TempDir Path dir;

  static Recipe recipe(String name) {
    return Recipe.of("scores", "test.component", "1")
        .withConfig("name", name)
        .withConfig("lr", 1e-4)
        .withSeed("train", "lds/eval/subset/3/seed/0")
        .withInput("data", "ab".repeat(32));
  }

  static List<Path> children(Path p) throws IOException {
    try (Stream<Path> s = Files.list(p)) {
      return s.toList();
    }
  }

  @Test
  void canonicalRecipeIsKeySortedAndOrderIndependent() {
    Recipe a = Recipe.of("k", "c", "1").withConfig("b", 2).withConfig("a", Map.of("z", 1, "y", 2));
    Recipe b = Recipe.of("k", "c", "1").withConfig("a", Map.of("y", 2, "z", 1)).withConfig("b", 2);
    assertEquals("{\"component\":\"c\",\"config\":{\"a\":{\"y\":2,\"z\":1},\"b\":2},\"inputs\":{},\"kind\":\"k\","
        + "\"seeds\":{},\"version\":\"1\"}", a.canonicalJson());
    assertEquals(a.hash(), b.hash());
    assertEquals(64, a.hash().length());
    assertNotEquals(a.hash(), a.withConfig("b", 3).hash());
    assertNotEquals(a.hash(), Recipe.of("k", "c", "2").withConfig("b", 2)
        .withConfig("a", Map.of("z", 1, "y", 2)).hash(), "component version is part of the key");
    assertThrows(IllegalArgumentException.class, () -> Recipe.of("Bad/Kind", "c", "1"));
  }

  @Test
  void computesOnceThenReusesWithSidecar() throws Exception {
    ArtifactStore store = ArtifactStore.open(dir.resolve("store"), 3);
    AtomicInteger calls = new AtomicInteger();
    Producer p = ctx -> {
      calls.incrementAndGet();
      Files.writeString(ctx.folder().resolve("x.txt"), "payload");
      ctx.timing("train", 1.5).note("steps", 42);
    };
    Artifact first = store.getOrCompute(recipe("a"), p);
    Artifact second = store.getOrCompute(recipe("a"), p);
    assertEquals(1, calls.get());
    assertFalse(first.reused());
    assertTrue(second.reused());
    assertEquals(first.folder(), second.folder());
    Path expected = store.root().resolve("scores").resolve(recipe("a").hash().substring(0, 2))
        .resolve(recipe("a").hash());
    assertEquals(expected, first.folder());
    assertEquals("payload", Files.readString(second.file("x.txt")));

    Sidecar s = second.sidecar();
    assertEquals(recipe("a"), s.recipe());
    assertEquals(recipe("a").hash(), s.hash());
    assertEquals(1.5, s.timings().get("train"));
    assertTrue(s.timings().get("total") >= 0);
    assertEquals(3, s.threads());
    assertEquals(42, ((Number) s.notes().get("steps")).intValue());
    assertTrue(s.machine().cores() >= 1);
    assertEquals(org.tdabench.benchmark.machine.Fingerprint.current().hash(), s.machine().fingerprint());
    assertEquals(16, s.machine().fingerprint().length());
    assertEquals("0", s.machine().numerics().get("TF_ENABLE_ONEDNN_OPTS"), "the pinned flag is recorded");
    assertTrue(store.find(recipe("a")).isPresent());
    assertTrue(store.find(recipe("b")).isEmpty());
  }

  @Test
  void failingProducerLeavesNothing() throws Exception {
    ArtifactStore store = ArtifactStore.open(dir.resolve("store"));
    IOException e = assertThrows(IOException.class, () -> store.getOrCompute(recipe("f"), ctx -> {
      Files.writeString(ctx.folder().resolve("half.bin"), "x");
      throw new Exception("disk on fire");
    }));
    assertTrue(e.getMessage().contains("disk on fire"), e.getMessage());
    Path parent = store.folderOf(recipe("f")).getParent();
    assertEquals(List.of(parent.resolve(recipe("f").hash() + ".lock")), children(parent));
    assertTrue(store.find(recipe("f")).isEmpty());
    assertThrows(IllegalStateException.class, () -> store.getOrCompute(recipe("f"), ctx -> {
      throw new IllegalStateException("bug");
    }));
    // and a later attempt computes it normally
    Artifact a = store.getOrCompute(recipe("f"), ctx -> Files.writeString(ctx.folder().resolve("ok"), "1"));
    assertFalse(a.reused());
  }

  @Test
  void threadsContendingComputeOnce() throws Exception {
    ArtifactStore store = ArtifactStore.open(dir.resolve("store"));
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Artifact> a = pool.submit(() -> store.getOrCompute(recipe("t"), ctx -> {
        calls.incrementAndGet();
        entered.countDown();
        release.await();
        Files.writeString(ctx.folder().resolve("v"), "a");
      }));
      assertTrue(entered.await(30, TimeUnit.SECONDS));
      Future<Artifact> b = pool.submit(() -> store.getOrCompute(recipe("t"), ctx -> {
        calls.incrementAndGet();
        Files.writeString(ctx.folder().resolve("v"), "b");
      }));
      Thread.sleep(200);
      assertFalse(b.isDone(), "the second caller must wait for the first");
      release.countDown();
      assertFalse(a.get(30, TimeUnit.SECONDS).reused());
      assertTrue(b.get(30, TimeUnit.SECONDS).reused());
      assertEquals(1, calls.get());
      assertEquals("a", Files.readString(store.folderOf(recipe("t")).resolve("v")));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void incompatibleOrForeignFoldersAreUserErrors() throws Exception {
    Path old = dir.resolve("old");
    Files.createDirectories(old);
    Files.writeString(old.resolve("tdabench-store.json"), "{\"format\": 99, \"created_by\": \"tdabench 9.9\"}");
    UserError e = assertThrows(UserError.class, () -> ArtifactStore.open(old));
    assertTrue(e.getMessage().contains("format 99") && e.getMessage().contains("new folder"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));

    Path foreign = dir.resolve("foreign");
    Files.createDirectories(foreign);
    Files.writeString(foreign.resolve("notes.txt"), "mine");
    e = assertThrows(UserError.class, () -> ArtifactStore.open(foreign));
    assertTrue(e.getMessage().contains("not a tdabench artifact store"), e.getMessage());

    Path broken = dir.resolve("broken");
    Files.createDirectories(broken);
    Files.writeString(broken.resolve("tdabench-store.json"), "{not json");
    e = assertThrows(UserError.class, () -> ArtifactStore.open(broken));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());

    // a fresh folder becomes a store, and opening it again is fine
    ArtifactStore.open(dir.resolve("fresh"));
    ArtifactStore.open(dir.resolve("fresh"));
    assertTrue(Files.readString(dir.resolve("fresh/tdabench-store.json")).contains("\"format\" : 2"));
  }
}
