package org.tdabench.benchmark.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.benchmark.store.ArtifactStore;
import org.tdabench.benchmark.store.MissingArtifactException;
import org.tdabench.benchmark.store.Recipe;

/** Content-addressed job ids, a store that never lets one id name two pieces of work, and completion by artifacts. */
class JobIdsTest {
  @TempDir Path dir;

  @Test
  void idsAreReadableShellSafeAndNameTheirWork() {
    Map<String, Object> recipe = Map.of("run", Map.of("seed", 0L, "preset", "tiny"), "label", "main/seed/0");
    Job a = Job.addressed("train-main/seed/0", "train", recipe);
    assertTrue(a.id().matches("train-main_seed_0-[0-9a-f]{12}"), a.id());
    // the same work has the same id however its maps were built (key order, boxing)
    Job same = Job.addressed("train-main/seed/0", "train",
        Map.of("label", "main/seed/0", "run", Map.of("preset", "tiny", "seed", 0)));
    assertEquals(a.id(), same.id());
    assertTrue(a.sameWork(same));
    Job otherSeed = Job.addressed("train-main/seed/0", "train", Map.of("run", Map.of("seed", 1L, "preset", "tiny"),
        "label", "main/seed/0"));
    assertNotEquals(a.id(), otherSeed.id());
    assertNotEquals(a.id(), Job.addressed("train-main/seed/0", "targets", recipe).id(), "the kind is part of the id");
    assertFalse(a.sameWork(otherSeed));
  }

  @Test
  void aStoredJobIsKeptAndNeverReplacedByOtherWork() throws Exception {
    JobStore js = new JobStore(ArtifactStore.open(dir.resolve("store")));
    Job a = Job.addressed("gt", "gt", Map.of("seed", 0)).after();
    js.save(a);
    long modified = Files.getLastModifiedTime(js.fileOf(a.id())).toMillis();
    Files.setLastModifiedTime(js.fileOf(a.id()), java.nio.file.attribute.FileTime.fromMillis(modified - 60_000));
    js.save(new Job(a.id(), "gt", Map.of("seed", 0), List.of())); // the same work again: nothing rewritten
    assertEquals(modified - 60_000, Files.getLastModifiedTime(js.fileOf(a.id())).toMillis());
    Job clash = new Job(a.id(), "gt", Map.of("seed", 1), List.of());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> js.save(clash));
    assertTrue(e.getMessage().contains("different job"), e.getMessage());
    assertEquals(0, ((Number) js.load(a.id()).recipe().get("seed")).intValue());
  }

  @Test
  void statusRecordsRoundTrip() throws Exception {
    JobStore js = new JobStore(ArtifactStore.open(dir.resolve("store")));
    assertTrue(js.status("x").isEmpty());
    JobStatus s = new JobStatus(JobStatus.State.FAILED, "node7", "12_3", "2026-01-01T00:00:00Z",
        "2026-01-01T00:01:00Z", "training main/seed/0 failed: AccessDeniedException: /s/model");
    js.writeStatus("x", s);
    assertEquals(s, js.status("x").orElseThrow());
    Files.writeString(js.statusFileOf("y"), "{not json");
    assertTrue(js.status("y").isEmpty(), "an unreadable record counts as none");
  }

  /** Computes (or, without computing, finds) one artifact per job, named by the job's recipe. */
  static final class OneArtifact implements JobRunner {
    @Override
    public String kind() {
      return "one";
    }

    @Override
    public void run(Job job, JobContext ctx) throws Exception {
      ctx.store().getOrCompute(Recipe.of("test", "ids-test", "1").withConfig("n", job.recipe().get("n")),
          p -> Files.writeString(p.folder().resolve("out"), "x"));
    }
  }

  @Test
  void completionIsDecidedByArtifactsWithoutComputingAnything() throws Exception {
    ArtifactStore store = ArtifactStore.open(dir.resolve("store"));
    JobRunners runners = JobRunners.of(List.of(new OneArtifact()));
    Job a = Job.of("a", "one", Map.of("n", 1));
    Job b = Job.of("b", "one", Map.of("n", 2)).after("a");
    Job c = Job.of("c", "one", Map.of("n", 3));
    runners.forKind("one").run(a, new JobContext(store, 1, 0));
    CompletionCheck.Result r = CompletionCheck.check(List.of(a, b, c), runners, store);
    assertEquals(List.of("a"), r.done());
    assertEquals(List.of("c", "b"), List.copyOf(r.missing().keySet()), "wave order");
    assertTrue(r.missing().get("b").startsWith("test "), r.missing().toString());
    assertFalse(r.complete());
    assertThrows(MissingArtifactException.class, () -> runners.forKind("one").run(c,
        new JobContext(store.withoutComputing(), 1, 0)));
    try (var s = Files.walk(store.root())) {
      assertEquals(1, s.filter(p -> p.getFileName().toString().equals("sidecar.json")).count(), "nothing computed");
    }
    CompletionCheck.Result blocked = CompletionCheck.check(List.of(Job.of("a2", "one", Map.of("n", 9)),
        Job.of("b2", "one", Map.of("n", 1)).after("a2")), runners, store);
    assertEquals(List.of("b2"), blocked.blocked(), "not checked while its dependency is missing");
  }
}
