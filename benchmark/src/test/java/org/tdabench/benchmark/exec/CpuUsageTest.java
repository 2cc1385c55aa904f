package org.tdabench.benchmark.exec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

class CpuUsageTest {
  @Test
  void countsTheCpuTimeThisProcessSpent() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    CpuUsage usage = CpuUsage.start();
    // Spin until this thread alone has used 200 ms of CPU (however loaded the machine is).
    long t0 = threads.getCurrentThreadCpuTime();
    double sink = 0;
    while (threads.getCurrentThreadCpuTime() - t0 < 200_000_000L) {
      sink += Math.sqrt(sink + 1);
    }
    double cpu = usage.cpuSeconds();
    assertTrue(cpu >= 0.2, "process CPU seconds " + cpu + " below this thread's own 0.2 (sink " + sink + ")");
    double percent = usage.percent();
    assertTrue(percent > 0 && Double.isFinite(percent), "percent " + percent);
    assertTrue(usage.wallSeconds() > 0);
  }
}
