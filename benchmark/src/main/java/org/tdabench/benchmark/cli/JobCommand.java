package org.tdabench.benchmark.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.tdabench.benchmark.exec.Failures;
import org.tdabench.benchmark.exec.Job;
import org.tdabench.benchmark.exec.JobContext;
import org.tdabench.benchmark.exec.JobRunners;
import org.tdabench.benchmark.exec.JobStatus;
import org.tdabench.benchmark.exec.JobStore;
import org.tdabench.benchmark.store.ArtifactStore;
import org.tdabench.core.UserError;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tdabench job --store DIR <id>...}: runs saved jobs, one after another, against the store
 * they were planned in. This is what each task of a Slurm job array executes. The store given here is
 * the only place the jobs read and write (the job descriptions hold no paths; the prepared data is in
 * the cache folder that holds the store); it is checked before anything runs. Each job's start and
 * end name it in the log, its last attempt is recorded in the store for {@code slurm --status}, and a
 * failure is one line; the remaining jobs still run. Jobs are idempotent: a finished one returns at
 * once.
 */
@Command(
    name = "job",
    mixinStandardHelpOptions = true,
    description = "Run saved jobs (<store>/jobs/<ID>.json) one after another against the artifact store they were "
        + "planned in; used by cluster executors. Exit 1 when any failed.")
public final class JobCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "ID", description = "Job ids (their files are <store>/jobs/<ID>.json).")
  List<String> ids = new ArrayList<>();

  @ArgGroup(exclusive = true, multiplicity = "1")
  Where where;

  static final class Where {
    @picocli.CommandLine.Option(names = "--store", required = true, paramLabel = "DIR",
        description = "The shared artifact store the jobs were planned in (a run's <cache>/store).")
    Path store;

    @picocli.CommandLine.Option(names = "--cache", required = true, paramLabel = "DIR",
        description = "Or the cache folder that holds it (<DIR>/store).")
    Path cache;
  }

  @Override
  public Integer call() throws Exception {
    Path root = (where.store != null ? where.store : where.cache.resolve("store")).toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve("jobs"))) {
      throw new UserError("no planned jobs in " + root + ": pass the --store the jobs were planned in (the wave "
          + "scripts name it)" + (Files.isDirectory(root) ? "" : "; the folder does not exist or is not visible here"));
    }
    ArtifactStore store = ArtifactStore.open(root, 1);
    JobStore jobStore = new JobStore(store);
    List<Job> jobs = new ArrayList<>();
    for (String id : ids) {
      jobs.add(jobStore.load(id));
    }
    requireOneThreadCount(jobs);
    requireWritable(root);
    JobRunners runners = JobRunners.discover();
    String host = hostName();
    String task = slurmTask();
    AtomicReference<Job> current = new AtomicReference<>();
    AtomicReference<String> started = new AtomicReference<>();
    // scancel and time limits send SIGTERM first: record the interruption while the JVM shuts down.
    Thread hook = new Thread(() -> {
      Job j = current.get();
      if (j != null) {
        System.err.println("tdabench: job " + j.id() + " interrupted (the process is being stopped)");
        record(jobStore, j, new JobStatus(JobStatus.State.INTERRUPTED, host, task, started.get(), now(),
            "stopped before it finished (scancel, time limit or signal)"));
      }
    }, "tdabench-job-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
    List<String> failed = new ArrayList<>();
    for (Job job : jobs) {
      long t0 = System.nanoTime();
      String at = now();
      System.err.printf(Locale.ROOT, "tdabench: job %s (%s) started on %s%s%n", job.id(), job.kind(), host,
          task == null ? "" : ", Slurm task " + task + slurmJobId());
      started.set(at);
      current.set(job);
      record(jobStore, job, new JobStatus(JobStatus.State.RUNNING, host, task, at, null, null));
      try {
        runners.forKind(job.kind()).run(job, new JobContext(store, 1, 0));
        current.set(null);
        record(jobStore, job, new JobStatus(JobStatus.State.DONE, host, task, at, now(), null));
        System.out.printf(Locale.ROOT, "job %s done in %.1f s%n", job.id(), (System.nanoTime() - t0) / 1e9);
      } catch (Exception | Error e) {
        current.set(null);
        String line = oneLine(e);
        record(jobStore, job, new JobStatus(JobStatus.State.FAILED, host, task, at, now(), line));
        System.err.println("tdabench: job " + job.id() + " failed: " + line);
        if (Main.debug() || !Failures.userFixable(e)) {
          e.printStackTrace(System.err); // a defect: the log is where it can be read
        }
        failed.add(job.id());
        if (e instanceof Error err && !(e instanceof AssertionError)) {
          throw err; // out of memory and the like: the JVM is no longer trustworthy
        }
      }
    }
    Runtime.getRuntime().removeShutdownHook(hook);
    if (!failed.isEmpty()) {
      System.err.println("tdabench: " + failed.size() + " of " + jobs.size() + " jobs failed: " + String.join(" ", failed));
      return 1;
    }
    return 0;
  }

  /**
   * TensorFlow sizes its process-wide thread pool from the first session a process creates, so jobs
   * planned with different thread counts cannot share a process (the later ones would silently run
   * with the first one's count, and other bits).
   */
  static void requireOneThreadCount(List<Job> jobs) {
    java.util.Set<Object> counts = new java.util.TreeSet<>();
    for (Job j : jobs) {
      if (j.recipe().get("run") instanceof java.util.Map<?, ?> run && run.get("threads") instanceof Number n) {
        counts.add(n.intValue());
      }
    }
    if (counts.size() > 1) {
      throw new UserError("these jobs were planned with different TensorFlow thread counts " + counts + ", which "
          + "one process cannot honour: run them in separate `tdabench job` commands");
    }
  }

  /** Fails with one line before any job runs when the store cannot be written by this user. */
  static void requireWritable(Path root) {
    try {
      Path probe = Files.createTempFile(root, ".probe-", ".tmp");
      Files.delete(probe);
      Files.createDirectories(root.resolve("jobs").resolve("status"));
    } catch (IOException | SecurityException e) {
      throw new UserError("store " + root + " is not writable by user " + System.getProperty("user.name") + " ("
          + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()) + "): run the jobs as a user who may "
          + "write there, or plan the run into a store you can write");
    }
  }

  private static void record(JobStore store, Job job, JobStatus status) {
    try {
      store.writeStatus(job.id(), status);
    } catch (IOException | RuntimeException e) {
      System.err.println("tdabench: could not record the status of job " + job.id() + ": " + oneLine(e));
    }
  }

  private static String oneLine(Throwable t) {
    return Failures.oneLine(t);
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("").strip();
  }

  private static String now() {
    return Instant.now().toString();
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown host";
    }
  }

  /** "ARRAYJOB_TASK" as Slurm names array tasks (and the log files), or null outside an array. */
  private static String slurmTask() {
    String a = System.getenv("SLURM_ARRAY_JOB_ID");
    String i = System.getenv("SLURM_ARRAY_TASK_ID");
    return a == null || i == null ? null : a + "_" + i;
  }

  /** " (job id N)": the id Slurm's own messages (CANCELLED, TIME LIMIT) use for this task. */
  private static String slurmJobId() {
    String j = System.getenv("SLURM_JOB_ID");
    return j == null ? "" : " (job id " + j + ")";
  }
}
