package org.tdabench.benchmark.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.tdabench.benchmark.report.CsvFiles;
import org.tdabench.core.UserError;

/**
 * How much each leaderboard cell moves between float paths: the standard deviation of the cell over
 * runs of the same preset and seed under different numerics (oneDNN ISA caps, thread counts), which
 * is what another machine changes. Because a last-bit change in training changes every later
 * training step, this includes the retraining noise that the ablation and the LDS subset models carry;
 * it is measured, not taken from interval widths. Stored as {@code spread-<dataset>.csv} in a baseline
 * folder ({@code method,column,sd,paths}).
 *
 * @param cells method -> column -> standard deviation over the paths
 * @param paths how many float paths the deviations come from
 */
public record Spread(Map<String, Map<String, Double>> cells, int paths) {
  static final List<String> HEADER = List.of("method", "column", "sd", "paths");

  /** The deviation of a cell: its own, or at least the column's pooled deviation over methods. */
  double sd(String method, String column) {
    double own = cells.getOrDefault(method, Map.of()).getOrDefault(column, Double.NaN);
    double pooled = pooled(column);
    if (Double.isNaN(own)) {
      return pooled;
    }
    return Double.isNaN(pooled) ? own : Math.max(own, pooled);
  }

  /** Root mean square of a column's deviations over methods (NaN if no method has it). */
  double pooled(String column) {
    double ss = 0;
    int n = 0;
    for (Map<String, Double> row : cells.values()) {
      Double v = row.get(column);
      if (v != null && !v.isNaN()) {
        ss += v * v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : Math.sqrt(ss / n);
  }

  boolean covers(String column) {
    return cells.values().stream().anyMatch(r -> r.containsKey(column));
  }

  /**
   * Spread of runs of one leaderboard: per method and compared column (scores and derived numbers),
   * the sample SD over the runs.
   */
  public static Spread of(List<Path> leaderboards) {
    if (leaderboards.size() < 2) {
      throw new UserError("a spread needs at least two runs, got " + leaderboards.size());
    }
    List<LeaderboardTable> tables = leaderboards.stream().map(LeaderboardTable::read).toList();
    java.util.Set<String> header = new java.util.LinkedHashSet<>(tables.get(0).header());
    List<String> columns = header.stream().filter(c -> {
      ColumnKind k = ColumnKind.of(c, header);
      return k == ColumnKind.SCORE || k == ColumnKind.EXACT_IF_DETERMINISTIC;
    }).toList();
    Map<String, Map<String, Double>> cells = new LinkedHashMap<>();
    LeaderboardTable first = tables.get(0);
    for (String method : first.rows().keySet()) {
      for (String col : columns) {
        List<Double> vals = new ArrayList<>();
        for (LeaderboardTable t : tables) {
          Map<String, String> row = t.rows().get(method);
          if (row == null || !row.containsKey(col) || row.get(col).isEmpty()) {
            continue;
          }
          vals.add(t.number(method, col));
        }
        if (vals.size() >= 2) {
          cells.computeIfAbsent(method, k -> new LinkedHashMap<>()).put(col, sd(vals));
        }
      }
    }
    return new Spread(cells, tables.size());
  }

  static double sd(List<Double> v) {
    double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    return Math.sqrt(ss / (v.size() - 1));
  }

  public void write(Path file) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    new TreeMap<>(cells).forEach((m, cols) -> cols.forEach((c, sd) -> rows.add(List.of(m, c,
        String.format(Locale.ROOT, "%.6g", sd), Integer.toString(paths)))));
    CsvFiles.write(file, HEADER, rows);
  }

  static Spread read(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    List<String[]> lines = CsvFiles.read(file);
    if (lines.isEmpty() || !List.of(lines.get(0)).equals(HEADER)) {
      throw new UserError("malformed spread file " + file + ": its header must be " + String.join(",", HEADER));
    }
    Map<String, Map<String, Double>> cells = new LinkedHashMap<>();
    int paths = 0;
    for (int i = 1; i < lines.size(); i++) {
      String[] l = lines.get(i);
      try {
        cells.computeIfAbsent(l[0], k -> new LinkedHashMap<>()).put(l[1], Double.parseDouble(l[2]));
        paths = Math.max(paths, Integer.parseInt(l[3]));
      } catch (RuntimeException e) {
        throw new UserError("malformed spread file " + file + ": line " + (i + 1) + " is not method,column,sd,paths");
      }
    }
    return new Spread(cells, paths);
  }
}
