package org.tdabench.core;

import java.io.PrintStream;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress sink for one long task (a download, a dataset's preparation, a training, an
 * attribution stage): how many of its steps are done. Where it goes is the {@link Factory}'s choice:
 * a bar on a terminal, a {@link ProgressLine} every 30 s in logs, nothing in tests. Anything that
 * counts steps reports through it, whatever it trains or computes (one model, or several trained in
 * one graph, report as one task).
 */
public interface Progress extends AutoCloseable {

  /** Advances by {@code n} units. */
  void step(long n);

  /** Sets the current position (e.g. after resuming a download). */
  void stepTo(long position);

  /** Changes the expected total (unknown totals start at -1). */
  void maxHint(long max);

  @Override
  void close();

  /** A sink that shows nothing. */
  static Progress none() {
    return Silent.INSTANCE;
  }

  /**
   * A text progress bar on {@code stream} (stderr in the CLI, so stdout stays machine-readable).
   *
   * @param unit display unit, e.g. "MiB" or "img"
   * @param unitSize how many steps make one display unit (e.g. 1 << 20 for bytes shown as MiB)
   */
  static Progress bar(String task, long max, String unit, long unitSize, PrintStream stream) {
    return bar(task, max, unit, unitSize, new ConsoleProgressBarConsumer(stream));
  }

  /** A text progress bar (count, rate and ETA) drawn by {@code consumer}, e.g. one line of a block. */
  static Progress bar(String task, long max, String unit, long unitSize, ProgressBarConsumer consumer) {
    ProgressBarBuilder b = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(max)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(500)
        .continuousUpdate()
        .setConsumer(consumer);
    if (unit != null && !unit.isEmpty()) { // a rate only where the steps have a unit
      b.setUnit(" " + unit, unitSize).showSpeed(new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    }
    ProgressBar bar = b.build();
    return new Progress() {
      @Override
      public void step(long n) {
        bar.stepBy(n);
      }

      @Override
      public void stepTo(long position) {
        bar.stepTo(position);
      }

      @Override
      public void maxHint(long m) {
        bar.maxHint(m);
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }

  /** Creates bars on demand, or nothing. */
  @FunctionalInterface
  interface Factory {
    Progress start(String task, long max, String unit, long unitSize);

    /** Progress on stderr: bars on a terminal, else a line every 30 s (stdout stays machine-readable). */
    static Factory stderr() {
      return console(System.err, System.console() != null);
    }

    /** Bars on {@code stream} when it is a {@code terminal}, else lines on it every 30 s. */
    static Factory console(PrintStream stream, boolean terminal) {
      return terminal ? (task, max, unit, unitSize) -> bar(task, max, unit, unitSize, stream) : lines(stream::println);
    }

    /** A {@link ProgressLine} on {@code out} every 30 s per task. */
    static Factory lines(java.util.function.Consumer<String> out) {
      return (task, max, unit, unitSize) -> new ProgressLine(task, max, unit, unitSize, out, System::nanoTime,
          ProgressLine.INTERVAL);
    }

    /** A factory that shows nothing. */
    static Factory none() {
      return (task, max, unit, unitSize) -> Progress.none();
    }
  }

  /** The silent sink. */
  final class Silent implements Progress {
    static final Silent INSTANCE = new Silent();

    private Silent() {}

    @Override
    public void step(long n) {}

    @Override
    public void stepTo(long position) {}

    @Override
    public void maxHint(long max) {}

    @Override
    public void close() {}
  }
}
