package org.tdabench.benchmark.exec;

import java.lang.management.ManagementFactory;

/**
 * How busy this process kept the machine's cores between two points: process CPU time (every
 * thread, TensorFlow's native pools included) over wall time. 200 % on two cores is both cores
 * busy the whole time; a run that waits on one long job shows as little more than 100 %.
 */
public final class CpuUsage {
  private final long cpuStart;
  private final long wallStart;

  private CpuUsage(long cpuStart, long wallStart) {
    this.cpuStart = cpuStart;
    this.wallStart = wallStart;
  }

  /** Starts measuring now. */
  public static CpuUsage start() {
    return new CpuUsage(processCpuNanos(), System.nanoTime());
  }

  /** CPU seconds used since {@link #start}, or NaN where the JVM cannot tell. */
  public double cpuSeconds() {
    long now = processCpuNanos();
    return now < 0 || cpuStart < 0 ? Double.NaN : (now - cpuStart) / 1e9;
  }

  public double wallSeconds() {
    return (System.nanoTime() - wallStart) / 1e9;
  }

  /** CPU time over wall time in percent of one core (NaN where unknown). */
  public double percent() {
    double wall = wallSeconds();
    return wall <= 0 ? Double.NaN : 100 * cpuSeconds() / wall;
  }

  public static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
