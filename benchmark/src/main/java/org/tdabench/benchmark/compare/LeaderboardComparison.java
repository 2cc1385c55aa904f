package org.tdabench.benchmark.compare;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tdabench.benchmark.report.CsvFiles;
import org.tdabench.core.UserError;

/**
 * Checks a run's {@code leaderboard-*.csv} files against a baseline folder (CI fails when a
 * method's score leaves the tolerance of the committed baseline).
 *
 * <p>Tolerance of a score cell X: the larger of the baseline's and the run's interval half-widths,
 * (X_hi - X_lo) / 2, so a change is flagged only when it exceeds the uncertainty either run states.
 * When both rows say {@code deterministic=true} (pinned threads and flags make the run
 * bit-reproducible) and come from the same machine fingerprint ({@code hash_machine}: CPU model and
 * TensorFlow flags), or when exact comparison is forced, every compared cell must match exactly.
 * Counts (n_*) must always match: runs of different sizes are not comparable. Timings and recipe hashes
 * are reported, never failing. Values are compared after parsing, with 1e-6 slack for the six-decimal
 * formatting.
 *
 * <p>A missing leaderboard, method or column, or a malformed CSV, is a {@link UserError}.
 */
public final class LeaderboardComparison {
  private static final double FORMAT_SLACK = 1e-6;

  private LeaderboardComparison() {}

  /**
   * Compares every {@code leaderboard-*.csv} of {@code baselineDir} with the same file in {@code
   * runDir}.
   *
   * @param forceExact demand exact equality even for rows not marked deterministic
   */
  public static ComparisonResult compare(Path baselineDir, Path runDir, boolean forceExact) {
    List<Path> files = leaderboards(baselineDir);
    if (files.isEmpty()) {
      throw new UserError("no leaderboard-*.csv in baseline folder " + baselineDir + ": check --baseline");
    }
    if (!Files.isDirectory(runDir)) {
      throw new UserError("run folder " + runDir + " does not exist: run the benchmark first or check --run");
    }
    List<CellChange> moved = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int cells = 0;
    for (Path base : files) {
      String name = base.getFileName().toString();
      Path run = runDir.resolve(name);
      if (!Files.isRegularFile(run)) {
        throw new UserError("the run has no " + name + " (expected " + run + "): run that dataset or fix --run");
      }
      cells += compareFile(name, table(base), table(run), forceExact, moved, notes);
    }
    return new ComparisonResult(moved, notes, cells, files.size());
  }

  private static int compareFile(String name, Table base, Table run, boolean forceExact, List<CellChange> moved,
      List<String> notes) {
    for (String col : base.header) {
      if (!run.header.contains(col)) {
        throw new UserError(name + ": the run lacks column '" + col + "' of the baseline: regenerate the baseline "
            + "if the format changed on purpose");
      }
    }
    for (String col : run.header) {
      if (!base.header.contains(col)) {
        notes.add(name + ": new column '" + col + "' (not in the baseline)");
      }
    }
    for (String method : base.rows.keySet()) {
      if (!run.rows.containsKey(method)) {
        throw new UserError(name + ": method '" + method + "' of the baseline is missing from the run: run it, or "
            + "regenerate the baseline if it was removed on purpose");
      }
    }
    for (String method : run.rows.keySet()) {
      if (!base.rows.containsKey(method)) {
        notes.add(name + ": new method '" + method + "' (not in the baseline)");
      }
    }
    Set<String> header = new LinkedHashSet<>(base.header);
    int compared = 0;
    for (Map.Entry<String, Map<String, String>> e : base.rows.entrySet()) {
      String method = e.getKey();
      Map<String, String> b = e.getValue();
      Map<String, String> r = run.rows.get(method);
      // Bit-reproducibility holds on one machine configuration (CPU, flags): across machines the
      // kernels may round differently, so exactness also needs the same machine fingerprint.
      boolean sameMachine = b.containsKey("hash_machine") && r.containsKey("hash_machine")
          && b.get("hash_machine").equals(r.get("hash_machine"));
      boolean exact = forceExact || ("true".equals(b.get("deterministic")) && "true".equals(r.get("deterministic"))
          && sameMachine);
      String exactRule = forceExact ? "exact: forced" : "exact: deterministic run on the same machine";
      for (String col : base.header) {
        String bv = b.get(col);
        String rv = r.get(col);
        switch (ColumnKind.of(col, header)) {
          case SCORE -> {
            compared++;
            if (exact) {
              checkExact(name, method, col, bv, rv, exactRule, moved);
            } else {
              double tol = Math.max(halfWidth(name, method, col, b), halfWidth(name, method, col, r));
              checkNumber(name, method, col, bv, rv, tol, "interval half-width", moved);
            }
          }
          case COUNT -> {
            compared++;
            checkExact(name, method, col, bv, rv, "exact: count", moved);
          }
          case EXACT_IF_DETERMINISTIC -> {
            if (exact) {
              compared++;
              checkExact(name, method, col, bv, rv, exactRule, moved);
            }
          }
          case INFO -> {
            if (!bv.equals(rv) && col.startsWith("hash_")) {
              notes.add(name + ": " + method + " " + col + " changed (different recipe or component version)");
            }
          }
          default -> { }
        }
      }
    }
    return compared;
  }

  private static void checkExact(String file, String method, String col, String bv, String rv, String rule,
      List<CellChange> moved) {
    if (bv.isEmpty() && rv.isEmpty()) {
      return;
    }
    if (bv.isEmpty() || rv.isEmpty() || Math.abs(parse(file, method, col, bv) - parse(file, method, col, rv)) > 0) {
      moved.add(new CellChange(file, method, col, bv, rv, 0, rule));
    }
  }

  private static void checkNumber(String file, String method, String col, String bv, String rv, double tol,
      String rule, List<CellChange> moved) {
    if (bv.isEmpty() && rv.isEmpty()) {
      return;
    }
    if (bv.isEmpty() || rv.isEmpty()
        || Math.abs(parse(file, method, col, bv) - parse(file, method, col, rv)) > tol + FORMAT_SLACK) {
      moved.add(new CellChange(file, method, col, bv, rv, tol, rule));
    }
  }

  private static double halfWidth(String file, String method, String col, Map<String, String> row) {
    String lo = row.get(col + "_lo");
    String hi = row.get(col + "_hi");
    if (lo.isEmpty() || hi.isEmpty()) {
      return 0;
    }
    return (parse(file, method, col + "_hi", hi) - parse(file, method, col + "_lo", lo)) / 2;
  }

  private static double parse(String file, String method, String col, String v) {
    try {
      double d = Double.parseDouble(v);
      if (Double.isNaN(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new UserError(file + ": " + method + " " + col + " is not a number ('" + v + "'): the CSV is malformed");
    }
  }

  private record Table(List<String> header, Map<String, Map<String, String>> rows) {}

  private static Table table(Path file) {
    List<String[]> lines = CsvFiles.read(file);
    List<String> header = Arrays.asList(lines.get(0));
    if (!header.contains("method")) {
      throw new UserError("malformed leaderboard " + file + ": no 'method' column");
    }
    if (new TreeSet<>(header).size() != header.size()) {
      throw new UserError("malformed leaderboard " + file + ": repeated column names");
    }
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        row.put(header.get(c), lines.get(i)[c]);
      }
      if (rows.put(row.get("method"), row) != null) {
        throw new UserError("malformed leaderboard " + file + ": method '" + row.get("method") + "' appears twice");
      }
    }
    return new Table(header, rows);
  }

  private static List<Path> leaderboards(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new UserError("baseline folder " + dir + " does not exist: check --baseline");
    }
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "leaderboard-*.csv")) {
      ds.forEach(out::add);
    } catch (IOException e) {
      throw new UserError("cannot list baseline folder " + dir + ": " + e.getMessage());
    }
    out.sort(null);
    return out;
  }
}
