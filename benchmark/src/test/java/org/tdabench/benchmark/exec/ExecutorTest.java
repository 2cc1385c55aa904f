package org.tdabench.benchmark.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.benchmark.store.ArtifactStore;
import org.tdabench.benchmark.store.Recipe;
import org.tdabench.core.UserError;

class ExecutorTest {
  @TempDir Path dir;

  /** Computes an artifact named by the job's recipe, recording order, concurrency and threads. */
  static final class RecordingRunner implements JobRunner {
    final List<String> order = new CopyOnWriteArrayList<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final Map<String, Integer> threads = new ConcurrentHashMap<>();

    @Override
    public String kind() {
      return "record";
    }

    @Override
    public void run(Job job, JobContext ctx) throws Exception {
      int now = running.incrementAndGet();
      maxRunning.accumulateAndGet(now, Math::max);
      try {
        if (Boolean.TRUE.equals(job.recipe().get("fail"))) {
          throw new IllegalStateException("planned failure");
        }
        Thread.sleep(30);
        ctx.store().getOrCompute(Recipe.of("test", "exec-test", "1").withConfig("id", job.id()),
            p -> Files.writeString(p.folder().resolve("out"), job.id()));
        threads.put(job.id(), ctx.threadsPerJob());
        order.add(job.id());
      } finally {
        running.decrementAndGet();
      }
    }
  }

  @Test
  void runsDependenciesFirstOnBoundedWorkers() throws Exception {
    ArtifactStore store = ArtifactStore.open(dir.resolve("store"));
    RecordingRunner r = new RecordingRunner();
    InProcessExecutor ex = new InProcessExecutor(new JobStore(store), JobRunners.of(List.of(r)), 2, 1, JobListener.NONE);
    List<Job> jobs = List.of(
        Job.of("train-0", "record", Map.of()),
        Job.of("train-1", "record", Map.of()),
        Job.of("train-2", "record", Map.of()),
        Job.of("eval", "record", Map.of()).after("train-0", "train-1", "train-2"));
    ExecutionReport rep = ex.execute(jobs);
    assertTrue(rep.ok(), rep.toString());
    assertEquals(4, rep.succeeded().size());
    assertEquals("eval", r.order.get(3));
    assertTrue(r.maxRunning.get() <= 2, "at most 2 workers: " + r.maxRunning.get());
    assertEquals(Collections.nCopies(4, 1), List.copyOf(r.threads.values()));
    assertFalse(Files.exists(store.jobsFolder()), "an in-process run writes no job files");
  }

  @Test
  void failureSkipsDependentsButNotOthers() throws Exception {
    ArtifactStore store = ArtifactStore.open(dir.resolve("store"));
    RecordingRunner r = new RecordingRunner();
    InProcessExecutor ex = new InProcessExecutor(new JobStore(store), JobRunners.of(List.of(r)), 1, 1, JobListener.NONE);
    ExecutionReport rep = ex.execute(List.of(
        Job.of("a", "record", Map.of("fail", true)),
        Job.of("b", "record", Map.of()).after("a"),
        Job.of("c", "record", Map.of()).after("b"),
        Job.of("d", "record", Map.of())));
    assertFalse(rep.ok());
    assertEquals(List.of("d"), rep.succeeded());
    assertEquals("IllegalStateException: planned failure", rep.failed().get("a"));
    assertEquals(List.of("b", "c"), rep.skipped());
  }

  @Test
  void unknownKindFailsBeforeAnythingRuns() throws Exception {
    ArtifactStore store = ArtifactStore.open(dir.resolve("store"));
    RecordingRunner r = new RecordingRunner();
    InProcessExecutor ex = new InProcessExecutor(new JobStore(store), JobRunners.of(List.of(r)), 1, 1, JobListener.NONE);
    UserError e = assertThrows(UserError.class,
        () -> ex.execute(List.of(Job.of("a", "record", Map.of()), Job.of("b", "retrain", Map.of()))));
    assertTrue(e.getMessage().contains("'retrain'") && e.getMessage().contains("record"), e.getMessage());
    assertTrue(r.order.isEmpty());
  }

  @Test
  void graphValidationAndWaves() {
    Job a = Job.of("a", "k", Map.of());
    Job b = Job.of("b", "k", Map.of()).after("a");
    Job c = Job.of("c", "k", Map.of());
    Job d = Job.of("d", "k", Map.of()).after("b", "c");
    JobGraph g = new JobGraph(List.of(a, b, c, d));
    assertEquals(List.of(List.of(a, c), List.of(b), List.of(d)), g.waves());
    assertThrows(IllegalArgumentException.class, () -> new JobGraph(List.of(a, a)));
    assertThrows(IllegalArgumentException.class, () -> new JobGraph(List.of(b)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JobGraph(List.of(
        Job.of("x", "k", Map.of()).after("y"), Job.of("y", "k", Map.of()).after("x"))));
    assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Job.of("bad id", "k", Map.of()));
  }

  @Test
  void jobFilesRoundTripAndBadOnesAreUserErrors() throws Exception {
    JobStore js = new JobStore(ArtifactStore.open(dir.resolve("store")));
    Job j = new Job("retrain-3", "retrain", Map.of("subset", 3, "seeds", List.of(0, 1, 2)), List.of("prepare"));
    js.save(j);
    assertEquals(j, js.load("retrain-3"));
    assertThrows(UserError.class, () -> js.load("missing"));
    Files.writeString(js.fileOf("broken"), "{\"id\": \"broken\"}");
    UserError e = assertThrows(UserError.class, () -> js.load("broken"));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void costModelStartsTheLongestChainFirst() throws Exception {
    // a, b: cheap and independent; c -> d: a costly chain listed last. In input order c would
    // start after a and b; by critical path it starts first, and d as soon as c is done.
    List<Job> jobs = List.of(
        Job.of("a", "record", Map.of("gflop", 5)),
        Job.of("b", "record", Map.of("gflop", 5)),
        Job.of("c", "record", Map.of("gflop", 10)),
        Job.of("d", "record", Map.of("gflop", 100)).after("c"),
        Job.of("e", "record", Map.of("gflop", 50)));
    CostModel costs = j -> new JobCost(((Number) j.recipe().get("gflop")).doubleValue(), 0, 0);
    CriticalPath cp = new CriticalPath(new JobGraph(jobs), costs);
    assertEquals(1 + 10 + 1 + 100, cp.level("c"), 1e-9);
    assertEquals(1 + 100, cp.level("d"), 1e-9);
    assertEquals(1 + 5, cp.level("a"), 1e-9);

    RecordingRunner inOrder = new RecordingRunner();
    new InProcessExecutor(new JobStore(ArtifactStore.open(dir.resolve("s1"))), JobRunners.of(List.of(inOrder)), 1, 1,
        JobListener.NONE).execute(jobs);
    assertEquals(List.of("a", "b", "c", "d", "e"), inOrder.order);
    RecordingRunner byPath = new RecordingRunner();
    new InProcessExecutor(new JobStore(ArtifactStore.open(dir.resolve("s2"))), JobRunners.of(List.of(byPath)), 1, 1,
        JobListener.NONE).withCosts(costs).execute(jobs);
    assertEquals(List.of("c", "d", "e", "a", "b"), byPath.order);
  }
}
