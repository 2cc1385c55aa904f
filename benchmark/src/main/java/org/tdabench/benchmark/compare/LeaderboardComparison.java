package org.tdabench.benchmark.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.tdabench.benchmark.store.Json;
import org.tdabench.core.UserError;

/**
 * Checks a run's {@code leaderboard-*.csv} files against a {@link Baseline}, choosing per file the
 * rule that is exact where it can be and honest where it cannot:
 *
 * <ul>
 *   <li><b>exact</b> when every row of the run is deterministic, comes from one machine fingerprint
 *       for which the baseline holds a leaderboard (its own, or one recorded with {@code baseline add
 *       --exact}) and has the same recipe hashes as it: then every number must be equal.
 *   <li><b>statistical</b> otherwise: a score may move by {@link #K} times its measured float-path
 *       spread ({@link Spread}: runs of the same seed under other ISA caps and thread counts), which
 *       is what another machine changes, and at least by {@link #F} times its interval's half-width
 *       (another machine may take a path none of this machine's caps takes; a last-bit change moves
 *       a statistic by far less than its sampling uncertainty unless training amplifies it, and that
 *       amplification is what the spread measures). Numerics alone then never fail, and a real change
 *       (a sign flip, negated scores) still does wherever it exceeds both.
 * </ul>
 *
 * Under both rules the counts (n_*) and each row's protocol hash must match exactly: a changed
 * protocol constant is never a float-path difference. Timings and recipe hashes are summarised in
 * the notes, never failing. A baseline of another preset, without a fingerprint, or with methods or
 * columns the run lacks (or the reverse), is a one-line {@link UserError}.
 */
public final class LeaderboardComparison {
  /** Allowed movement under the statistical rule, in float-path standard deviations of the cell. */
  public static final double K = 5.0;
  /** The floor of the statistical tolerance, as a fraction of the cell's interval half-width. */
  public static final double F = 0.25;
  private static final double FORMAT_SLACK = 1e-6;

  private LeaderboardComparison() {}

  /** How {@link #compare} chooses the rule. */
  public enum Mode {
    /** Exact where the fingerprints allow it, statistical elsewhere. */
    AUTO,
    /** Exact for every file (fails where fingerprints differ, by design). */
    EXACT,
    /** Statistical for every file, as on another machine (for tests of the statistical rule). */
    STATISTICAL
  }

  public static ComparisonResult compare(Path baselineDir, Path runDir, boolean forceExact) {
    return compare(baselineDir, runDir, forceExact ? Mode.EXACT : Mode.AUTO);
  }

  public static ComparisonResult compare(Path baselineDir, Path runDir, Mode mode) {
    Baseline baseline = Baseline.load(baselineDir);
    List<Path> files = baseline.leaderboards();
    if (files.isEmpty()) {
      throw new UserError("no leaderboard-*.csv in baseline folder " + baselineDir + ": check --baseline");
    }
    if (!Files.isDirectory(runDir)) {
      throw new UserError("run folder " + runDir + " does not exist: run the benchmark first or check --run");
    }
    List<CellChange> moved = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> rules = new ArrayList<>();
    int cells = 0;
    for (Path base : files) {
      String name = base.getFileName().toString();
      Path run = runDir.resolve(name);
      if (!Files.isRegularFile(run)) {
        throw new UserError("the run has no " + name + " (expected " + run + "): run that dataset or fix --run");
      }
      Optional<JsonNode> meta = runMetadata(runDir, name);
      String runPreset = meta.map(m -> m.path("preset").asText(null)).orElse(null);
      if (runPreset != null && !runPreset.equals(baseline.preset())) {
        throw new UserError("baseline " + baselineDir + " is for preset " + baseline.preset() + " but the run in "
            + runDir + " is preset " + runPreset + ": compare with results/baseline/" + runPreset);
      }
      cells += compareFile(baseline, name, LeaderboardTable.read(base), LeaderboardTable.read(run), meta, mode,
          moved, notes, rules);
    }
    return new ComparisonResult(moved, notes, rules, cells, files.size());
  }

  private static int compareFile(Baseline baseline, String name, LeaderboardTable base, LeaderboardTable run,
      Optional<JsonNode> meta, Mode mode, List<CellChange> moved, List<String> notes, List<String> rules) {
    checkShape(name, base, run);
    Set<String> fps = new TreeSet<>();
    boolean deterministic = true;
    for (Map<String, String> r : run.rows().values()) {
      fps.add(r.getOrDefault("fingerprint", ""));
      deterministic &= "true".equals(r.get("deterministic"));
    }
    String fp = fps.size() == 1 ? fps.iterator().next() : "mixed";
    Optional<Path> exactBase = baseline.exactFor(fp, name);
    boolean exact;
    String why;
    if (mode == Mode.EXACT) {
      exact = true;
      why = "exact: forced (--exact)";
    } else if (mode == Mode.STATISTICAL) {
      exact = false;
      why = "statistical: forced";
    } else if (fps.size() != 1 || fp.isEmpty()) {
      exact = false;
      why = "statistical: the run's rows come from several machines or settings (" + String.join(", ", fps) + ")";
    } else if (!deterministic) {
      exact = false;
      why = "statistical: the run used non-default numerics settings (not bit-reproducible)";
    } else if (exactBase.isPresent() && !sameRecipes(LeaderboardTable.read(exactBase.get()), run)) {
      exact = false;
      why = "statistical: same machine, but the recipes differ (thread count, a component version or an input), "
          + "so equal bits cannot be expected";
    } else if (exactBase.isPresent()) {
      exact = true;
      why = "exact: this run's fingerprint " + fp + " is the baseline's"
          + (fp.equals(baseline.fingerprint()) ? "" : " (exact/" + fp + ")");
    } else {
      exact = false;
      why = "statistical: this run's fingerprint " + fp + " differs from the baseline's " + baseline.fingerprint()
          + " (" + baseline.differences(meta.map(m -> machineOf(m, fp)).orElse(null)) + ")";
    }
    LeaderboardTable ref = exact && exactBase.isPresent() && mode != Mode.EXACT ? LeaderboardTable.read(exactBase.get())
        : base;
    if (ref != base) {
      checkShape(name, ref, run);
    }
    Spread spread = null;
    if (!exact) {
      spread = baseline.spread(name).orElseThrow(() -> new UserError("baseline " + baseline.folder() + " has no "
          + "spread-" + name.substring("leaderboard-".length()) + " (the float-path spread that sets the tolerance "
          + "on other machines): measure it with `tdabench baseline spread --preset " + baseline.preset() + "`"));
      why += String.format(Locale.ROOT, "; tolerance %.0f x the spread over %d float paths, at least %.2f x the "
          + "interval half-width", K, spread.paths(), F);
    }
    rules.add(name + ": " + why);
    return compareCells(name, ref, run, exact, spread, why.startsWith("exact") ? "exact" : "statistical", moved,
        notes);
  }

  private static int compareCells(String name, LeaderboardTable base, LeaderboardTable run, boolean exact,
      Spread spread, String rule, List<CellChange> moved, List<String> notes) {
    Set<String> header = new LinkedHashSet<>(base.header());
    int compared = 0;
    Set<String> changedHashes = new TreeSet<>();
    int hashRows = 0;
    for (String method : base.rows().keySet()) {
      Map<String, String> b = base.rows().get(method);
      Map<String, String> r = run.rows().get(method);
      boolean rowHashChanged = false;
      for (String col : base.header()) {
        String bv = b.get(col);
        String rv = r.get(col);
        switch (ColumnKind.of(col, header)) {
          case SCORE, EXACT_IF_DETERMINISTIC -> {
            if (exact) {
              compared++;
              checkExact(name, base, run, method, col, "exact", moved);
            } else if (spread.covers(col) || ColumnKind.of(col, header) == ColumnKind.SCORE) {
              compared++;
              double sd = spread.sd(method, col);
              double tol = Math.max(Double.isNaN(sd) ? 0 : K * sd, F * Math.max(halfWidth(base, method, col),
                  halfWidth(run, method, col)));
              checkNumber(name, base, run, method, col, tol, moved);
            }
          }
          case COUNT, PROTOCOL -> {
            compared++;
            if (!bv.equals(rv)) {
              moved.add(new CellChange(name, method, col, bv, rv, 0,
                  col.equals("protocol") ? "exact: the protocol changed (sizes, constants, method version or options)"
                      : "exact: count"));
            }
          }
          case INFO -> {
            if (col.startsWith("hash_") && !bv.equals(rv)) {
              changedHashes.add(col);
              rowHashChanged = true;
            }
          }
          default -> { }
        }
      }
      hashRows += rowHashChanged ? 1 : 0;
    }
    if (!changedHashes.isEmpty()) {
      String cause = rule.equals("exact")
          ? "same machine and protocol: a component version or an upstream recipe changed"
          : "expected on another float path: the upstream artifacts' content (trained models, generated targets) "
              + "differs, so the recipes that hash it differ";
      notes.add(name + ": " + String.join(", ", changedHashes) + " changed in " + hashRows + " of "
          + base.rows().size() + " rows (" + cause + ")");
    }
    return compared;
  }

  private static void checkShape(String name, LeaderboardTable base, LeaderboardTable run) {
    for (String col : base.header()) {
      if (!run.header().contains(col)) {
        throw new UserError(name + ": the run lacks column '" + col + "' of the baseline: regenerate the baseline "
            + "(tdabench baseline add) if the format changed on purpose");
      }
    }
    for (String col : run.header()) {
      if (!base.header().contains(col)) {
        throw new UserError(name + ": the run has column '" + col + "' that the baseline lacks: regenerate the "
            + "baseline (tdabench baseline add) if the format changed on purpose");
      }
    }
    for (String method : base.rows().keySet()) {
      if (!run.rows().containsKey(method)) {
        throw new UserError(name + ": method '" + method + "' of the baseline is missing from the run: run it, or "
            + "regenerate the baseline if it was removed on purpose");
      }
    }
    for (String method : run.rows().keySet()) {
      if (!base.rows().containsKey(method)) {
        throw new UserError(name + ": the run has method '" + method + "' that the baseline lacks: add it to the "
            + "baseline (tdabench baseline add) with a stated reason, or run the baseline's methods");
      }
    }
  }

  private static void checkExact(String file, LeaderboardTable base, LeaderboardTable run, String method, String col,
      String rule, List<CellChange> moved) {
    String bv = base.rows().get(method).get(col);
    String rv = run.rows().get(method).get(col);
    if (bv.isEmpty() && rv.isEmpty()) {
      return;
    }
    if (bv.isEmpty() || rv.isEmpty() || base.number(method, col) != run.number(method, col)) {
      moved.add(new CellChange(file, method, col, bv, rv, 0, rule));
    }
  }

  private static void checkNumber(String file, LeaderboardTable base, LeaderboardTable run, String method, String col,
      double tol, List<CellChange> moved) {
    String bv = base.rows().get(method).get(col);
    String rv = run.rows().get(method).get(col);
    if (bv.isEmpty() && rv.isEmpty()) {
      return;
    }
    if (bv.isEmpty() || rv.isEmpty()
        || Math.abs(base.number(method, col) - run.number(method, col)) > tol + FORMAT_SLACK) {
      moved.add(new CellChange(file, method, col, bv, rv, tol, "statistical"));
    }
  }

  /** Whether every row has the same recipe hashes (hash_* columns) in both tables. */
  private static boolean sameRecipes(LeaderboardTable base, LeaderboardTable run) {
    for (Map.Entry<String, Map<String, String>> e : base.rows().entrySet()) {
      Map<String, String> r = run.rows().get(e.getKey());
      for (Map.Entry<String, String> c : e.getValue().entrySet()) {
        if (c.getKey().startsWith("hash_") && (r == null || !c.getValue().equals(r.get(c.getKey())))) {
          return false;
        }
      }
    }
    return true;
  }

  /** (hi - lo) / 2 of a score cell, 0 without an interval. */
  private static double halfWidth(LeaderboardTable t, String method, String col) {
    Map<String, String> row = t.rows().get(method);
    String lo = row.get(col + "_lo");
    String hi = row.get(col + "_hi");
    if (lo == null || hi == null || lo.isEmpty() || hi.isEmpty()) {
      return 0;
    }
    return Math.max(0, (t.number(method, col + "_hi") - t.number(method, col + "_lo")) / 2);
  }

  /** The run's {@code run-<dataset>.json} beside its leaderboard, if written. */
  static Optional<JsonNode> runMetadata(Path runDir, String leaderboardFile) {
    String dataset = leaderboardFile.substring("leaderboard-".length(), leaderboardFile.length() - ".csv".length());
    Path f = runDir.resolve("run-" + dataset + ".json");
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(Json.mapper().readTree(f.toFile()));
    } catch (IOException e) {
      throw new UserError("malformed " + f + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static JsonNode machineOf(JsonNode meta, String fp) {
    for (JsonNode m : meta.path("machines")) {
      if (fp.equals(m.path("fingerprint").asText())) {
        return m;
      }
    }
    return null;
  }
}
