package org.tdabench.models.perf;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak memory of this process: resident set high-water mark (native TensorFlow included) and JVM heap. */
public final class PeakMemory {
  private PeakMemory() {}

  /** VmHWM from /proc/self/status in MiB, or -1 where the platform has none. */
  public static double residentPeakMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          String[] p = line.trim().split("\\s+");
          return Long.parseLong(p[1]) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /**
   * Resets the resident high-water mark to the current resident size (Linux: "5" to
   * /proc/self/clear_refs), so a later {@link #residentPeakMiB} covers what ran in between; false
   * where the platform does not allow it.
   */
  public static boolean resetPeak() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** CPU time of the whole process (all threads, native ones included) in nanoseconds, or 0 if unknown. */
  public static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }

  /** Sum of the heap pools' peak usage in MiB. */
  public static double heapPeakMiB() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum / (1024.0 * 1024.0);
  }
}
