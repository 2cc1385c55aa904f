package org.tdabench.benchmark.exec;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The modelled cost of a cluster plan, one row per array (job kind in a dependency wave): jobs,
 * tasks, GPU-hours and CPU core-hours for all its jobs, the largest job's peak memory and the storage
 * its artifacts take, with a total row.
 */
public final class CostTable {
  /** One row. */
  public record Row(int wave, String kind, int jobs, int tasks, double gpuHours, double cpuCoreHours,
      long peakMemoryBytes, long storageBytes) {}

  private final List<Row> rows;

  private CostTable(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /** The table of {@code arrays}: GPU-hours at one GPU per job, CPU core-hours on one thread per job. */
  public static CostTable of(List<SlurmScripts.Array> arrays, CostModel costs, Throughput tp) {
    List<Row> rows = new ArrayList<>();
    for (SlurmScripts.Array a : arrays) {
      double gpu = 0;
      double cpu = 0;
      long mem = 0;
      long storage = 0;
      for (List<Job> task : a.tasks()) {
        for (Job j : task) {
          JobCost c = costs.of(j);
          gpu += tp.gpuSeconds(c, 1) / 3600;
          cpu += tp.cpuSeconds(c, 1) / 3600;
          mem = Math.max(mem, c.memoryBytes());
          storage += c.storageBytes();
        }
      }
      rows.add(new Row(a.wave(), a.kind(), a.jobs(), a.tasks().size(), gpu, cpu, mem, storage));
    }
    return new CostTable(rows);
  }

  public List<Row> rows() {
    return rows;
  }

  /** The sum of every row (memory: the largest). */
  public Row total() {
    return new Row(-1, "total", rows.stream().mapToInt(Row::jobs).sum(), rows.stream().mapToInt(Row::tasks).sum(),
        rows.stream().mapToDouble(Row::gpuHours).sum(), rows.stream().mapToDouble(Row::cpuCoreHours).sum(),
        rows.stream().mapToLong(Row::peakMemoryBytes).max().orElse(0),
        rows.stream().mapToLong(Row::storageBytes).sum());
  }

  /** Prints the table as Markdown (readable as text, pastes into a README). */
  public void print(PrintStream out) {
    out.println("| wave | job kind | jobs | tasks | GPU-hours | CPU core-hours | peak memory / job | storage |");
    out.println("|---:|---|---:|---:|---:|---:|---:|---:|");
    for (Row r : rows) {
      out.println(line(String.valueOf(r.wave()), r));
    }
    out.println(line("", total()));
  }

  private static String line(String wave, Row r) {
    return String.format(Locale.ROOT, "| %s | %s | %d | %d | %s | %s | %s | %s |", wave, r.kind(), r.jobs(), r.tasks(),
        hours(r.gpuHours()), hours(r.cpuCoreHours()), bytes(r.peakMemoryBytes()), bytes(r.storageBytes()));
  }

  /** Hours with three significant digits ("0.0021", "12.3", "4,560"). */
  static String hours(double h) {
    if (h >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", h);
    }
    if (h >= 10) {
      return String.format(Locale.ROOT, "%.1f", h);
    }
    if (h >= 0.1) {
      return String.format(Locale.ROOT, "%.2f", h);
    }
    return String.format(Locale.ROOT, "%.2g", h);
  }

  /** Bytes in binary units ("512 B", "3.2 GiB"). */
  public static String bytes(long b) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = b;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? b + " B" : String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
  }
}
