package org.tdabench.core;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Progress as log lines, for output that is not a terminal (logs, CI, cluster jobs): one line per
 * {@code interval} (default {@link #INTERVAL}) while the task advances, e.g.
 * {@code "train lds/eval/3: 1200/3600 step (33%), 4.10 step/s, ETA 9m 45s"} (and on {@link #tick()}
 * even without progress), and a last line on close when any was written ("done", or "stopped at"
 * when it ended short of its total). A task shorter than the interval stays silent. The rate is measured
 * from the first report, so a resumed task (whose first report is far from zero) is not credited with
 * the work done before.
 */
public final class ProgressLine implements Progress {
  /** How often a line is written. */
  public static final Duration INTERVAL = Duration.ofSeconds(30);

  private final String task;
  private final String unit;
  private final long unitSize;
  private final Consumer<String> out;
  private final LongSupplier nanoClock;
  private final long intervalNanos;
  private final long startNanos;
  private long max;
  private long position;
  private long firstNanos = -1;
  private long firstPosition;
  private long lastLineNanos;
  private boolean wrote;
  private boolean closed;

  /**
   * @param max expected total in steps, or -1 when unknown
   * @param unit display unit, e.g. "step" or "MiB"
   * @param unitSize steps per display unit (1 << 20 for bytes shown as MiB)
   * @param out where lines go
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}; tests inject their own)
   */
  public ProgressLine(String task, long max, String unit, long unitSize, Consumer<String> out,
      LongSupplier nanoClock, Duration interval) {
    if (unitSize < 1) {
      throw new IllegalArgumentException("unitSize must be >= 1: " + unitSize);
    }
    this.task = task;
    this.max = max;
    this.unit = unit == null ? "" : unit;
    this.unitSize = unitSize;
    this.out = out;
    this.nanoClock = nanoClock;
    this.intervalNanos = interval.toNanos();
    this.startNanos = nanoClock.getAsLong();
    this.lastLineNanos = startNanos;
  }

  @Override
  public synchronized void step(long n) {
    update(position + n);
  }

  @Override
  public synchronized void stepTo(long p) {
    update(p);
  }

  @Override
  public synchronized void maxHint(long m) {
    max = m;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (wrote) {
      String took = duration(nanoClock.getAsLong() - startNanos);
      // short of the total: stopped early (early stopping, a failure), not "done"
      out.accept(max > 0 && position < max ? task + ": stopped at " + amount(position, max) + " after " + took
          : task + ": done, " + amount(position) + " in " + took);
    }
  }

  /**
   * Writes the line if an interval has passed since the last one, whether or not the task advanced
   * (a caller with a timer calls this so that a long step, or a phase without steps, still shows).
   */
  public synchronized void tick() {
    long now = nanoClock.getAsLong();
    if (!closed && now - lastLineNanos >= intervalNanos) {
      lastLineNanos = now;
      wrote = true;
      out.accept(line(now));
    }
  }

  private void update(long p) {
    position = p;
    if (firstNanos < 0) {
      firstNanos = nanoClock.getAsLong();
      firstPosition = p;
    }
    tick();
  }

  /** The line for the current state at time {@code now}. */
  synchronized String line(long now) {
    StringBuilder s = new StringBuilder(task).append(": ");
    s.append(max > 0 ? amount(position, max) : amount(position));
    if (max > 0) {
      s.append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, position * 100 / max)));
    }
    double seconds = (now - firstNanos) / 1e9;
    if (firstNanos >= 0 && seconds > 0 && position > firstPosition) {
      double perSecond = (position - firstPosition) / seconds;
      s.append(String.format(Locale.ROOT, ", %.2f %s/s", perSecond / unitSize, unit.isEmpty() ? "unit" : unit));
      if (max > 0 && position < max) {
        s.append(", ETA ").append(duration((long) ((max - position) / perSecond * 1e9)));
      }
    }
    return s.toString();
  }

  private String amount(long p, long total) {
    return unitSize == 1 ? p + "/" + total + suffix()
        : String.format(Locale.ROOT, "%.1f/%.1f%s", p / (double) unitSize, total / (double) unitSize, suffix());
  }

  private String amount(long p) {
    return unitSize == 1 ? p + suffix() : String.format(Locale.ROOT, "%.1f%s", p / (double) unitSize, suffix());
  }

  private String suffix() {
    return unit.isEmpty() ? "" : " " + unit;
  }

  /** A duration as "1h 02m", "9m 45s" or "12s". */
  public static String duration(long nanos) {
    long s = Math.max(0, Math.round(nanos / 1e9));
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60);
    }
    return s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + "s";
  }
}
