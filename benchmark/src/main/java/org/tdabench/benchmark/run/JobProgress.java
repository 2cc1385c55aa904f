package org.tdabench.benchmark.run;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.tdabench.benchmark.exec.Job;
import org.tdabench.benchmark.exec.JobListener;
import org.tdabench.core.Progress;
import org.tdabench.core.ProgressLine;

/**
 * Progress of a phase's jobs, and of the work inside each.
 *
 * <p>On a terminal: a bar of finished jobs, and one line per worker with the job it runs and that
 * job's current task as a bar (steps done, rate, ETA). Elsewhere (logs, CI): one line per finished
 * job naming the jobs still running, and every 30 s a line per running job: its current task's count,
 * rate and ETA, or how long it has been running when it is between tasks.
 *
 * <p>Work inside a job reports through {@link #tasks()}: the executor starts each job on its
 * worker's thread, where {@link #started} installs that job's task factory.
 */
final class JobProgress implements JobListener, AutoCloseable {
  /** Terminal lines for at most this many workers (more would not fit a screen). */
  static final int MAX_WORKER_LINES = 12;

  private static final ThreadLocal<Progress.Factory> TASKS = new ThreadLocal<>();

  private final String name;
  private final int total;
  private final PrintStream log;
  private final StatusLines lines;
  private final Progress bar;
  private final LongSupplier nanoClock;
  private final long intervalNanos = ProgressLine.INTERVAL.toNanos();
  private final long t0;
  private final Map<String, Running> running = new LinkedHashMap<>();
  private ScheduledExecutorService ticker;
  private int done;

  /** A running job in logs: its open tasks (the newest reports) and when it last wrote a line. */
  private static final class Running {
    final long startNanos;
    final Deque<ProgressLine> tasks = new ArrayDeque<>();
    long lastLineNanos;

    Running(long now) {
      startNanos = now;
      lastLineNanos = now;
    }
  }

  /**
   * @param lines the terminal block, or null to write log lines
   * @param nanoClock a monotonic clock ({@code System::nanoTime}; tests inject their own)
   */
  JobProgress(String name, int total, PrintStream log, StatusLines lines, LongSupplier nanoClock) {
    this.name = name;
    this.total = total;
    this.log = log;
    this.lines = lines;
    this.nanoClock = nanoClock;
    this.t0 = nanoClock.getAsLong();
    this.bar = lines == null ? Progress.none() : Progress.bar(name, total, "", 1, lines.line(0));
  }

  /** Bars on {@code log} when it is a terminal (one line per worker, up to a dozen), else lines. */
  static JobProgress open(String name, int total, int workers, PrintStream log) {
    boolean terminal = System.console() != null;
    StatusLines lines = terminal ? StatusLines.terminal(log, 1 + Math.min(workers, MAX_WORKER_LINES)) : null;
    JobProgress p = new JobProgress(name, total, log, lines, System::nanoTime);
    if (!terminal) {
      p.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tdabench-progress");
        t.setDaemon(true);
        return t;
      });
      p.ticker.scheduleAtFixedRate(p::tick, 1, 1, TimeUnit.SECONDS);
    }
    return p;
  }

  /**
   * Where work on the calling thread reports: its job's tasks inside a job, else progress on stderr
   * (a bar on a terminal, a line every 30 s otherwise).
   */
  static Progress.Factory tasks() {
    Progress.Factory f = TASKS.get();
    return f != null ? f : Progress.Factory.stderr();
  }

  @Override
  public void started(Job job, int worker) {
    int line = worker + 1;
    if (lines != null) {
      if (line < lines.count()) {
        lines.set(line, job.id());
        TASKS.set((task, max, unit, unitSize) -> Progress.bar(job.id() + " " + task, max, unit, unitSize,
            lines.line(line)));
      } else {
        TASKS.set(Progress.Factory.none());
      }
      return;
    }
    Running r = new Running(nanoClock.getAsLong());
    synchronized (this) {
      running.put(job.id(), r);
    }
    TASKS.set((task, max, unit, unitSize) -> openTask(job.id(), r, task, max, unit, unitSize));
  }

  /** A task of a running job in logs: a {@link ProgressLine} that {@link #tick} also drives. */
  private Progress openTask(String id, Running r, String task, long max, String unit, long unitSize) {
    ProgressLine p = new ProgressLine("  [" + id + "] " + task, max, unit, unitSize, text -> {
      synchronized (this) {
        r.lastLineNanos = nanoClock.getAsLong();
        log.println(text);
      }
    }, nanoClock, ProgressLine.INTERVAL);
    synchronized (this) {
      r.tasks.push(p);
    }
    return new Progress() {
      @Override
      public void step(long n) {
        p.step(n);
      }

      @Override
      public void stepTo(long position) {
        p.stepTo(position);
      }

      @Override
      public void maxHint(long m) {
        p.maxHint(m);
      }

      @Override
      public void close() {
        synchronized (JobProgress.this) {
          r.tasks.remove(p);
        }
        p.close();
      }
    };
  }

  /**
   * Writes the lines that are due: each running job's current task when 30 s passed since its last
   * line, or "running" for a job between tasks. Called every second by a timer in logs.
   */
  void tick() {
    List<ProgressLine> current = new ArrayList<>();
    synchronized (this) {
      long now = nanoClock.getAsLong();
      for (Map.Entry<String, Running> e : running.entrySet()) {
        Running r = e.getValue();
        if (!r.tasks.isEmpty()) {
          current.add(r.tasks.peek());
        } else if (now - r.lastLineNanos >= intervalNanos) {
          r.lastLineNanos = now;
          log.println("  [" + e.getKey() + "] running for " + ProgressLine.duration(now - r.startNanos));
        }
      }
    }
    // outside this lock: a task writes its line under its own lock, then takes this one to print
    current.forEach(ProgressLine::tick);
  }

  @Override
  public void finished(Job job, int worker, Throwable failure) {
    TASKS.remove();
    if (lines != null) {
      if (worker + 1 < lines.count()) {
        lines.set(worker + 1, "");
      }
      bar.step(1);
      return;
    }
    synchronized (this) {
      running.remove(job.id());
      done++;
      log.println(finishedLine(job.id(), failure != null, List.copyOf(running.keySet())));
    }
  }

  /** The log line for a finished job: jobs done, seconds since the start, the job, and who still runs. */
  private String finishedLine(String id, boolean failure, List<String> stillRunning) {
    return String.format(Locale.ROOT, "  [%s %d/%d, %.0f s] %s%s%s", name, done, total,
        (nanoClock.getAsLong() - t0) / 1e9, id, failure ? " FAILED" : " done",
        stillRunning.isEmpty() ? "" : "; running: " + String.join(", ", stillRunning));
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    bar.close();
  }
}
