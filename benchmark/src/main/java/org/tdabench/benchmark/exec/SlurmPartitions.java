package org.tdabench.benchmark.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The time limit of a partition as {@code sinfo} reports it where Slurm's client commands are
 * installed (the planning node usually is a login node): arrays asking for more would pend forever
 * ({@code PartitionTimeLimit}).
 */
public final class SlurmPartitions {
  private SlurmPartitions() {}

  /**
   * The MaxTime of {@code partition} (null: the default partition) in minutes; empty when sinfo is not
   * available, does not answer within seconds, or the partition has no limit.
   */
  public static OptionalLong maxMinutes(String partition) {
    String out;
    try {
      Process p = new ProcessBuilder("sinfo", "-h", "-o", "%P %l").redirectErrorStream(true).start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return OptionalLong.empty();
      }
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        return OptionalLong.empty();
      }
    } catch (IOException e) {
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
    return parse(out, partition);
  }

  /** The limit of {@code partition} (null: the one marked '*') in {@code sinfo -o "%P %l"} output. */
  static OptionalLong parse(String sinfo, String partition) {
    for (String line : sinfo.strip().split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length != 2) {
        continue;
      }
      boolean isDefault = f[0].endsWith("*");
      String name = isDefault ? f[0].substring(0, f[0].length() - 1) : f[0];
      if (partition == null ? isDefault : name.equals(partition)) {
        if (f[1].equalsIgnoreCase("infinite") || f[1].equalsIgnoreCase("n/a")) {
          return OptionalLong.empty();
        }
        try {
          return OptionalLong.of(TaskSizing.parseTime(f[1]));
        } catch (RuntimeException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }
}
