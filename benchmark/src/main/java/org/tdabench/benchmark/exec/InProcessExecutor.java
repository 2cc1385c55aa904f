package org.tdabench.benchmark.exec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs in this JVM on {@code workers} threads, each job with {@code threadsPerJob} compute
 * threads (default 1: one TensorFlow intra-op thread per job, as many jobs as cores;
 * {@code tdabench bench model --packing} measures packing against fewer wider jobs). A job starts
 * once all its dependencies succeeded; ready jobs start in input order, or, given a cost model
 * ({@link #withCosts}), the one with the costliest chain of jobs behind it first ({@link
 * CriticalPath}), so that the run does not end on one busy core.
 */
public final class InProcessExecutor implements Executor {
  private static final Logger LOG = LoggerFactory.getLogger(InProcessExecutor.class);

  private final JobStore jobStore;
  private final JobRunners runners;
  private final int workers;
  private final int threadsPerJob;
  private final JobListener listener;
  private final CostModel costs;

  public InProcessExecutor(JobStore jobStore, JobRunners runners, int workers, int threadsPerJob,
      JobListener listener) {
    this(jobStore, runners, workers, threadsPerJob, listener, null);
  }

  private InProcessExecutor(JobStore jobStore, JobRunners runners, int workers, int threadsPerJob,
      JobListener listener, CostModel costs) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1: " + workers);
    }
    this.jobStore = jobStore;
    this.runners = runners;
    this.workers = workers;
    this.threadsPerJob = threadsPerJob;
    this.listener = listener;
    this.costs = costs;
  }

  /** This executor, starting ready jobs by critical path under {@code costs} instead of input order. */
  public InProcessExecutor withCosts(CostModel costs) {
    return new InProcessExecutor(jobStore, runners, workers, threadsPerJob, listener, costs);
  }

  /** One worker per available processor, one thread per job. */
  public static InProcessExecutor perCore(JobStore jobStore, JobRunners runners) {
    return new InProcessExecutor(jobStore, runners, Runtime.getRuntime().availableProcessors(), 1, JobListener.NONE);
  }

  @Override
  public ExecutionReport execute(List<Job> jobList) throws Exception {
    JobGraph graph = new JobGraph(jobList);
    for (Job j : graph.jobs()) {
      runners.forKind(j.kind()); // fail before starting anything
    }
    // No job files: they are what a cluster node reads (SlurmCommand saves them); an in-process run
    // writes into the store only what it computes, so a finished store can be used read-only.
    List<String> succeeded = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    Set<String> done = new HashSet<>();
    List<Job> pending = new ArrayList<>(graph.jobs());
    if (costs != null) {
      pending.sort(new CriticalPath(graph, costs).order());
    }
    BlockingQueue<Integer> slots = new ArrayBlockingQueue<>(workers);
    for (int w = 0; w < workers; w++) {
      slots.add(w);
    }
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "tdabench-job-worker");
      t.setDaemon(true);
      return t;
    });
    ExecutorCompletionService<Outcome> completion = new ExecutorCompletionService<>(pool);
    int running = 0;
    try {
      while (!pending.isEmpty() || running > 0) {
        // skip jobs whose dependencies failed or were skipped, transitively
        boolean changed = true;
        while (changed) {
          changed = false;
          for (var it = pending.iterator(); it.hasNext(); ) {
            Job j = it.next();
            if (j.dependsOn().stream().anyMatch(d -> failed.containsKey(d) || skipped.contains(d))) {
              it.remove();
              skipped.add(j.id());
              changed = true;
            }
          }
        }
        for (var it = pending.iterator(); it.hasNext() && running < workers; ) {
          Job j = it.next();
          if (done.containsAll(j.dependsOn())) {
            it.remove();
            completion.submit(() -> runOne(j, slots));
            running++;
          }
        }
        if (running == 0) {
          break; // nothing runnable (cannot happen for a valid graph, kept as a guard)
        }
        Future<Outcome> f = completion.take();
        running--;
        Outcome o = f.get();
        if (o.failure() == null) {
          done.add(o.job().id());
          succeeded.add(o.job().id());
        } else {
          String why = Failures.oneLine(o.failure());
          failed.put(o.job().id(), why);
          LOG.error("job {} failed: {}", o.job().id(), why);
          LOG.debug("job {} failed", o.job().id(), o.failure());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    skipped.addAll(pending.stream().map(Job::id).toList());
    return new ExecutionReport(succeeded, failed, skipped);
  }

  private Outcome runOne(Job job, BlockingQueue<Integer> slots) throws InterruptedException {
    int worker = slots.take();
    try {
      listener.started(job, worker);
      Throwable failure = null;
      try {
        runners.forKind(job.kind()).run(job, new JobContext(jobStore.store(), threadsPerJob, worker));
      } catch (Exception e) {
        failure = e;
      }
      listener.finished(job, worker, failure);
      return new Outcome(job, failure);
    } finally {
      slots.add(worker);
    }
  }

  private record Outcome(Job job, Throwable failure) {}
}
