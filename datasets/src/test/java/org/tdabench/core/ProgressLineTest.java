package org.tdabench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Log-line progress on an injected clock: what one line says, and how often lines come. */
class ProgressLineTest {
  private static final long S = 1_000_000_000L;
  private final AtomicLong clock = new AtomicLong(7 * S);
  private final List<String> lines = new ArrayList<>();

  private ProgressLine line(String task, long max, String unit, long unitSize) {
    return new ProgressLine(task, max, unit, unitSize, lines::add, clock::get, Duration.ofSeconds(30));
  }

  private void at(long seconds) {
    clock.set(7 * S + seconds * S);
  }

  @Test
  void oneLineEveryIntervalWithCountRateAndEta() {
    ProgressLine p = line("train lds/eval/3", 3600, "step", 1);
    at(1);
    p.stepTo(1); // the rate is measured from here
    at(29);
    p.stepTo(120);
    assertEquals(List.of(), lines, "nothing before the interval");
    at(31);
    p.stepTo(301);
    // 300 steps in 30 s since the first report: 10 steps/s, 3299 left: 5m 30s (329.9 s rounded)
    assertEquals(List.of("train lds/eval/3: 301/3600 step (8%), 10.00 step/s, ETA 5m 30s"), lines);
    for (int t = 32; t < 61; t++) {
      at(t);
      p.step(10);
    }
    assertEquals(1, lines.size(), "one line per interval however many steps");
    at(61);
    p.step(10);
    assertEquals("train lds/eval/3: 601/3600 step (16%), 10.00 step/s, ETA 5m 00s", lines.get(1));
    at(75);
    p.close();
    assertEquals("train lds/eval/3: stopped at 601/3600 step after 1m 15s", lines.get(2), "short of the total");
    p.step(1000);
    p.close();
    assertEquals(3, lines.size(), "nothing after close");
  }

  @Test
  void shortTasksStaySilent() {
    ProgressLine p = line("attribute pixel", 64, "target", 1);
    for (int t = 0; t < 20; t++) {
      at(t);
      p.step(3);
    }
    p.close();
    assertEquals(List.of(), lines);
  }

  @Test
  void unitsUnknownTotalsAndLongEtas() {
    ProgressLine bytes = line("cifar-10-python.tar.gz", 100L << 20, "MiB", 1 << 20);
    at(0);
    bytes.stepTo(1 << 20);
    at(40);
    bytes.stepTo(9L << 20);
    assertEquals("cifar-10-python.tar.gz: 9.0/100.0 MiB (9%), 0.20 MiB/s, ETA 7m 35s", lines.get(0));
    bytes.stepTo(100L << 20);
    bytes.close();
    assertEquals("cifar-10-python.tar.gz: done, 100.0 MiB in 40s", lines.get(1));
    ProgressLine open = line("scan", -1, "", 1);
    at(41);
    open.step(5);
    at(80);
    open.step(5);
    assertEquals("scan: 10, 0.13 unit/s", lines.get(2));
    assertEquals("2h 05m", ProgressLine.duration(7500 * S));
    assertEquals("59s", ProgressLine.duration(59 * S));
  }

  @Test
  void aTickWritesTheLineEvenWithoutProgress() {
    ProgressLine p = line("train main/seed/0", 100, "step", 1);
    at(29);
    p.tick();
    assertEquals(List.of(), lines);
    at(30);
    p.tick(); // building the graph: no step yet
    at(45);
    p.tick();
    assertEquals(List.of("train main/seed/0: 0/100 step (0%)"), lines);
  }
}
