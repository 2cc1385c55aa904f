package org.tdabench.core;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress sink for long work (downloads, preparation). The command line shows a bar on stderr;
 * library callers and tests usually pass {@link #none()}.
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
    ProgressBar bar = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(max)
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(unit, unitSize)
        .setUpdateIntervalMillis(500)
        .showSpeed()
        .setConsumer(new ConsoleProgressBarConsumer(stream))
        .build();
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

    /** A factory that shows bars on stderr. */
    static Factory stderr() {
      return (task, max, unit, unitSize) -> bar(task, max, unit, unitSize, System.err);
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
