package org.tdabench.benchmark.run;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * A fixed block of lines at the bottom of an ANSI terminal, each rewritten in place: the job bar and
 * one line per worker. The block never grows, however many jobs run (the progress bar library's own
 * multi-bar mode adds a line per bar and loses its place once they scroll off the screen).
 */
final class StatusLines {
  private static final String ESC = "\u001b[";

  private final PrintStream out;
  private final int width;
  private final List<Deque<Object>> owners = new ArrayList<>();

  /** Reserves {@code count} lines below the cursor; {@code width} characters per line at most. */
  StatusLines(PrintStream out, int count, int width) {
    this.out = out;
    this.width = width;
    for (int i = 0; i < count; i++) {
      owners.add(new ArrayDeque<>());
      out.println();
    }
    out.flush();
  }

  /** A block as wide as the terminal. */
  static StatusLines terminal(PrintStream out, int count) {
    return new StatusLines(out, count, new ConsoleProgressBarConsumer(out).getMaxRenderedLength());
  }

  int count() {
    return owners.size();
  }

  /** Shows {@code text} on line {@code i} (0 = top), cut to the width. */
  synchronized void set(int i, String text) {
    int up = owners.size() - i;
    String t = text.length() > width ? text.substring(0, Math.max(0, width)) : text;
    out.print(ESC + up + "A\r" + ESC + "2K" + t + ESC + up + "B\r");
    out.flush();
  }

  /**
   * A progress-bar consumer drawing on line {@code i}. Of several open on one line (a task started
   * inside another), the newest draws until it is closed.
   */
  ProgressBarConsumer line(int i) {
    Object owner = new Object();
    synchronized (this) {
      owners.get(i).push(owner);
    }
    return new ProgressBarConsumer() {
      @Override
      public int getMaxRenderedLength() {
        return width;
      }

      @Override
      public void accept(String rendered) {
        synchronized (StatusLines.this) {
          if (owners.get(i).peek() == owner) {
            set(i, rendered);
          }
        }
      }

      @Override
      public void close() {
        synchronized (StatusLines.this) {
          owners.get(i).remove(owner);
        }
      }
    };
  }
}
