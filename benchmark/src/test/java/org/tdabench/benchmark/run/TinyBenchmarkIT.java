package org.tdabench.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.benchmark.compare.ComparisonResult;
import org.tdabench.benchmark.compare.LeaderboardComparison;
import org.tdabench.benchmark.ensemble.EnsembleTrackConfig;
import org.tdabench.benchmark.report.CsvFiles;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.Methods;

/**
 * The tiny preset end to end, as CI runs it: every installed method, the leaderboard compared with
 * the committed baseline (results/baseline/tiny), and a second run that reuses every artifact and
 * writes byte-identical CSVs.
 */
@Tag("numerics")
class TinyBenchmarkIT {
  @TempDir
  Path dir;

  @Test
  void tinyBenchmarkRunsReusesAndMatchesTheBaseline() throws Exception {
    Path cache = dir.resolve("cache");
    Path out = dir.resolve("out");
    RunConfig cfg = new RunConfig("tiny", null, List.of("all"), 0, cache, out, Map.of(), 2,
        org.tdabench.models.TinyModels.threads(), 0, List.of());
    PrintStream log = new PrintStream(new ByteArrayOutputStream());
    RunSummary first = new Pipeline(cfg, log).run();
    Path board = first.leaderboard();
    List<String[]> rows = CsvFiles.read(board);
    List<String> methods = rows.stream().skip(1).map(r -> r[0]).toList();
    for (AttributionMethod m : Methods.installed()) {
      // feature needs a backbone; encoded-ensemble needs an ensemble (it runs on the ensemble track).
      if (!m.name().equals("feature") && !m.name().equals(EnsembleTrackConfig.METHOD)) {
        assertTrue(methods.contains(m.name()), m.name() + " is on the leaderboard: " + methods);
      }
    }
    assertTrue(Files.exists(first.report()));
    // lds-*.csv also reports every method's LDS on the tune family, where method defaults are chosen.
    Path ldsCsv = board.resolveSibling(board.getFileName().toString().replace("leaderboard-", "lds-"));
    List<String[]> lds = CsvFiles.read(ldsCsv);
    for (String m : methods) {
      assertTrue(lds.stream().anyMatch(r -> r[0].equals(m) && r[1].equals("gen") && r[2].equals("tune")), m);
    }

    Map<Path, byte[]> csvs = readCsvs(out);
    long before = countArtifacts(cache);
    Map<Path, String> store = snapshot(cache.resolve("store"));
    RunSummary second = new Pipeline(cfg, log).run();
    assertEquals(before, countArtifacts(cache), "a rerun computes nothing new");
    new Pipeline(cfg, log).report();
    org.tdabench.benchmark.run.RunExport.write(cfg, dir.resolve("export"));
    assertEquals(store, snapshot(cache.resolve("store")),
        "a cached run, report and export write nothing into the store (usable from a read-only mount)");
    Map<Path, byte[]> again = readCsvs(out);
    assertEquals(csvs.keySet(), again.keySet());
    for (Path p : csvs.keySet()) {
      assertArrayEquals(csvs.get(p), again.get(p), "byte-identical " + p);
    }
    assertEquals(first.leaderboard(), second.leaderboard());

    checkEnsembleTrack(cache, out);

    Path baseline = Path.of("..", "results", "baseline", "tiny");
    ComparisonResult r = LeaderboardComparison.compare(baseline, board.getParent(), false);
    assertTrue(r.passed(), "moved against the committed baseline (" + r.rules() + "): " + r.moved());
    injectedRegressionsFailUnderBothRules(baseline, board);
  }

  /**
   * Regressions injected into this run's real leaderboard (one method's scores negated: its LDS
   * flips sign; every LDS sign flipped; a protocol constant changed) fail against the committed
   * baseline whether compare takes the exact or the statistical rule.
   */
  private void injectedRegressionsFailUnderBothRules(Path baseline, Path board) throws Exception {
    List<String[]> rows = CsvFiles.read(board);
    List<String> header = List.of(rows.get(0));
    String strongest = null;
    double best = 0;
    for (String[] r : rows.subList(1, rows.size())) {
      String cell = r[header.indexOf("lds_gen")];
      if (cell.isEmpty()) {
        continue; // undefined for every target (e.g. MUCS's all-zero scores on tiny's generated targets)
      }
      double v = Math.abs(Double.parseDouble(cell));
      if (v > best) {
        best = v;
        strongest = r[0];
      }
    }
    String target = strongest;
    Map<String, java.util.function.UnaryOperator<String[]>> faults = new java.util.LinkedHashMap<>();
    faults.put("negated scores of " + target, r -> r[0].equals(target) ? flip(r, header, "lds_gen", "lds_val") : r);
    faults.put("LDS sign flipped", r -> flip(r, header, "lds_gen", "lds_val"));
    faults.put("protocol changed", r -> {
      String[] c = r.clone();
      c[header.indexOf("protocol")] = "0123456789abcdef";
      return c;
    });
    for (var f : faults.entrySet()) {
      Path folder = Files.createDirectories(dir.resolve("fault-" + f.getKey().replace(' ', '_')));
      Files.copy(board.getParent().resolve("run-procedural.json"), folder.resolve("run-procedural.json"));
      List<List<String>> out = new java.util.ArrayList<>();
      for (String[] r : rows.subList(1, rows.size())) {
        out.add(List.of(f.getValue().apply(r)));
      }
      CsvFiles.write(folder.resolve("leaderboard-procedural.csv"), header, out);
      for (var mode : List.of(LeaderboardComparison.Mode.EXACT, LeaderboardComparison.Mode.STATISTICAL)) {
        assertTrue(!LeaderboardComparison.compare(baseline, folder, mode).passed(),
            f.getKey() + " must fail under the " + mode + " rule");
      }
    }
  }

  private static String negated(String cell) {
    return cell.isEmpty() ? cell : String.format(java.util.Locale.ROOT, "%.6f", -Double.parseDouble(cell));
  }

  private static String[] flip(String[] row, List<String> header, String... cols) {
    String[] c = row.clone();
    for (String col : cols) {
      int i = header.indexOf(col);
      if (i >= 0 && !c[i].isEmpty()) {
        String lo = negated(c[header.indexOf(col + "_hi")]);
        String hi = negated(c[header.indexOf(col + "_lo")]);
        c[i] = negated(c[i]);
        c[header.indexOf(col + "_lo")] = lo;
        c[header.indexOf(col + "_hi")] = hi;
      }
    }
    return c;
  }

  /**
   * The encoded-ensemble track of the same run: its default methods scored against the exact
   * counterfactuals, the others listed with why not; a method that cannot attribute an ensemble is
   * skipped with its reason (the members and targets are reused from the run).
   */
  private static void checkEnsembleTrack(Path cache, Path out) {
    Map<String, String[]> track = new java.util.LinkedHashMap<>();
    List<String[]> rows = CsvFiles.read(out.resolve("results/tiny/ensemble-track-procedural.csv"));
    List<String> header = List.of(rows.get(0));
    rows.stream().skip(1).forEach(r -> track.put(r[0], r));
    for (String m : List.of("random", "pixel", "condition", "dit-feature", EnsembleTrackConfig.METHOD)) {
      assertTrue(track.containsKey(m) && track.get(m)[header.indexOf("skipped")].isEmpty(), m + " ran on the track");
    }
    double rho = Double.parseDouble(track.get(EnsembleTrackConfig.METHOD)[header.indexOf("rho_distance")]);
    assertTrue(rho > 0.8, "the first-order estimate tracks the exact counterfactual: " + rho);
    assertTrue(track.get("mucs")[header.indexOf("skipped")].contains("default ensemble track"));
    assertTrue(track.get("ensemble-rank")[header.indexOf("skipped")].contains("its member mucs is not on the track"));

    RunConfig other = new RunConfig("tiny", null, List.of("feature", "dtrak", EnsembleTrackConfig.METHOD), 0, cache,
        out, Map.of("dtrak", Map.of("models", "1")), 2);
    RunContext ctx = RunContext.open(other);
    assertTrue(EnsembleAttribution.scores(ctx, "feature").skipped().contains("feature.model"));
    String why = EnsembleAttribution.scores(ctx, "dtrak").skipped();
    assertTrue(why != null && why.contains("set models=0"), why);
  }

  private static Map<Path, byte[]> readCsvs(Path out) throws Exception {
    Map<Path, byte[]> m = new java.util.TreeMap<>();
    try (Stream<Path> s = Files.walk(out.resolve("results"))) {
      for (Path p : s.filter(p -> p.toString().endsWith(".csv")).toList()) {
        m.put(out.relativize(p), Files.readAllBytes(p));
      }
    }
    return m;
  }

  /** Every path of a folder with its size and modification time. */
  static Map<Path, String> snapshot(Path root) throws Exception {
    Map<Path, String> m = new java.util.TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        m.put(root.relativize(p), Files.isDirectory(p) ? "dir " + Files.getLastModifiedTime(p)
            : Files.size(p) + " " + Files.getLastModifiedTime(p));
      }
    }
    return m;
  }

  private static long countArtifacts(Path cache) throws Exception {
    try (Stream<Path> s = Files.walk(cache.resolve("store"))) {
      return s.filter(p -> p.getFileName().toString().equals("sidecar.json")).count();
    }
  }
}
