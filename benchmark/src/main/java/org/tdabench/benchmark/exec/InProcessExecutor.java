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
  private final int maxFleet;
  /** Jobs share a fleet only when their critical-path levels are within this ratio of each other. */
  static final double PEER_LEVEL = 0.5;

  public InProcessExecutor(JobStore jobStore, JobRunners runners, int workers, int threadsPerJob,
      JobListener listener) {
    this(jobStore, runners, workers, threadsPerJob, listener, null, 1);
  }

  private InProcessExecutor(JobStore jobStore, JobRunners runners, int workers, int threadsPerJob,
      JobListener listener, CostModel costs, int maxFleet) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1: " + workers);
    }
    this.jobStore = jobStore;
    this.runners = runners;
    this.workers = workers;
    this.threadsPerJob = threadsPerJob;
    this.listener = listener;
    this.costs = costs;
    this.maxFleet = maxFleet;
  }

  /** This executor, starting ready jobs by critical path under {@code costs} instead of input order. */
  public InProcessExecutor withCosts(CostModel costs) {
    return new InProcessExecutor(jobStore, runners, workers, threadsPerJob, listener, costs, maxFleet);
  }

  /**
   * This executor, running up to {@code max} ready jobs of one {@linkplain JobRunner#fleetKey fleet
   * key} together on one worker. A fleet takes its share of the ready jobs of its key, so that the
   * free workers all get one (ceil(ready / free workers), at most {@code max}).
   */
  public InProcessExecutor withFleets(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("fleet size must be >= 1: " + max);
    }
    return new InProcessExecutor(jobStore, runners, workers, threadsPerJob, listener, costs, max);
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
    CriticalPath path = costs == null ? null : new CriticalPath(graph, costs);
    if (path != null) {
      pending.sort(path.order());
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
    Map<String, String> fleetKeys = new java.util.HashMap<>();
    ExecutorCompletionService<List<Outcome>> completion = new ExecutorCompletionService<>(pool);
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
        while (running < workers) {
          List<Job> unit = nextUnit(pending, done, workers - running, fleetKeys, path);
          if (unit.isEmpty()) {
            break;
          }
          pending.removeAll(unit);
          if (unit.size() > 1) {
            LOG.debug("fleet of {}: {}", unit.size(), unit.stream().map(Job::id).toList());
          }
          completion.submit(() -> runUnit(unit, slots));
          running++;
        }
        if (running == 0) {
          break; // nothing runnable (cannot happen for a valid graph, kept as a guard)
        }
        Future<List<Outcome>> f = completion.take();
        running--;
        for (Outcome o : f.get()) {
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
      }
    } finally {
      pool.shutdownNow();
    }
    skipped.addAll(pending.stream().map(Job::id).toList());
    return new ExecutionReport(succeeded, failed, skipped);
  }

  /**
   * The next ready job in order, with, when its runner batches and fleets are on, its share of the
   * other ready jobs of its fleet key; empty when nothing is ready.
   */
  private List<Job> nextUnit(List<Job> pending, Set<String> done, int freeWorkers, Map<String, String> keys,
      CriticalPath path) {
    Job first = null;
    for (Job j : pending) {
      if (done.containsAll(j.dependsOn())) {
        first = j;
        break;
      }
    }
    if (first == null) {
      return List.of();
    }
    String key = maxFleet > 1 ? fleetKey(first, keys) : "";
    if (key.isEmpty()) {
      return List.of(first);
    }
    List<Job> same = new ArrayList<>();
    for (Job j : pending) {
      // A job on a much longer chain than its companions (the main model everything waits for)
      // would wait for the whole fleet: it runs alone.
      if (peers(path, first, j) && j.kind().equals(first.kind()) && done.containsAll(j.dependsOn())
          && key.equals(fleetKey(j, keys))) {
        same.add(j);
      }
    }
    int size = Math.min(maxFleet, (same.size() + freeWorkers - 1) / freeWorkers);
    return List.copyOf(same.subList(0, Math.max(1, size)));
  }

  /** Whether two jobs' critical-path levels are within {@link #PEER_LEVEL} of each other. */
  private static boolean peers(CriticalPath path, Job a, Job b) {
    if (path == null || a == b) {
      return true;
    }
    double la = path.level(a.id());
    double lb = path.level(b.id());
    return la >= PEER_LEVEL * lb && lb >= PEER_LEVEL * la;
  }

  /** The job's fleet key, "" for none, computed once per job. */
  private String fleetKey(Job j, Map<String, String> keys) {
    return keys.computeIfAbsent(j.id(), id -> {
      String k = runners.forKind(j.kind()).fleetKey(j);
      return k == null ? "" : j.kind() + "\n" + k;
    });
  }

  private List<Outcome> runUnit(List<Job> unit, BlockingQueue<Integer> slots) throws InterruptedException {
    int worker = slots.take();
    try {
      JobContext ctx = new JobContext(jobStore.store(), threadsPerJob, worker);
      unit.forEach(j -> listener.started(j, worker));
      Map<String, ? extends Throwable> failures;
      if (unit.size() == 1) {
        Job job = unit.get(0);
        Throwable failure = null;
        try {
          runners.forKind(job.kind()).run(job, ctx);
        } catch (Exception e) {
          failure = e;
        }
        failures = failure == null ? Map.of() : Map.of(job.id(), failure);
      } else {
        Map<String, ? extends Throwable> f;
        try {
          f = runners.forKind(unit.get(0).kind()).runFleet(unit, ctx);
        } catch (RuntimeException e) {
          // The call itself broke: every job of the fleet failed with it.
          Map<String, Throwable> all = new LinkedHashMap<>();
          unit.forEach(j -> all.put(j.id(), e));
          f = all;
        }
        failures = f;
      }
      List<Outcome> out = new ArrayList<>();
      for (Job j : unit) {
        Throwable failure = failures.get(j.id());
        listener.finished(j, worker, failure);
        out.add(new Outcome(j, failure));
      }
      return out;
    } finally {
      slots.add(worker);
    }
  }

  private record Outcome(Job job, Throwable failure) {}
}
