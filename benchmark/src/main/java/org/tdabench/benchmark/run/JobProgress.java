package org.tdabench.benchmark.run;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.tdabench.benchmark.exec.Job;
import org.tdabench.benchmark.exec.JobListener;

/**
 * Progress of a phase's jobs: a progress bar on an interactive terminal, else one line per finished
 * job (logs and CI stay readable).
 */
final class JobProgress implements JobListener, AutoCloseable {
  private final ProgressBar bar;
  private final PrintStream log;
  private final String name;
  private final int total;
  private final long t0 = System.nanoTime();
  private int done;

  private JobProgress(String name, int total, PrintStream log, ProgressBar bar) {
    this.name = name;
    this.total = total;
    this.log = log;
    this.bar = bar;
  }

  static JobProgress open(String name, int total, PrintStream log) {
    ProgressBar bar = null;
    if (System.console() != null) {
      bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
          .setConsumer(new ConsoleProgressBarConsumer(log)).setUpdateIntervalMillis(1000).continuousUpdate().build();
    }
    return new JobProgress(name, total, log, bar);
  }

  @Override
  public synchronized void finished(Job job, int worker, Throwable failure) {
    done++;
    if (bar != null) {
      bar.step();
    } else {
      log.printf(Locale.ROOT, "  [%s %d/%d, %.0f s] %s%s%n", name, done, total, (System.nanoTime() - t0) / 1e9,
          job.id(), failure == null ? "" : " FAILED");
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
