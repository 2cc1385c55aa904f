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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.benchmark.compare.ComparisonResult;
import org.tdabench.benchmark.compare.LeaderboardComparison;
import org.tdabench.benchmark.report.CsvFiles;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.Methods;

/**
 * The tiny preset end to end, as CI runs it: every installed method, the leaderboard compared with
 * the committed baseline (results/baseline/tiny), and a second run that reuses every artifact and
 * writes byte-identical CSVs.
 */
class TinyBenchmarkIT {
  @TempDir
  Path dir;

  @Test
  void tinyBenchmarkRunsReusesAndMatchesTheBaseline() throws Exception {
    Path cache = dir.resolve("cache");
    Path out = dir.resolve("out");
    RunConfig cfg = new RunConfig("tiny", null, List.of("all"), 0, cache, out, Map.of(), 2);
    PrintStream log = new PrintStream(new ByteArrayOutputStream());
    RunSummary first = new Pipeline(cfg, log).run();
    Path board = first.leaderboard();
    List<String[]> rows = CsvFiles.read(board);
    List<String> methods = rows.stream().skip(1).map(r -> r[0]).toList();
    for (AttributionMethod m : Methods.installed()) {
      if (!m.name().equals("feature")) {
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
    RunSummary second = new Pipeline(cfg, log).run();
    assertEquals(before, countArtifacts(cache), "a rerun computes nothing new");
    Map<Path, byte[]> again = readCsvs(out);
    assertEquals(csvs.keySet(), again.keySet());
    for (Path p : csvs.keySet()) {
      assertArrayEquals(csvs.get(p), again.get(p), "byte-identical " + p);
    }
    assertEquals(first.leaderboard(), second.leaderboard());

    Path baseline = Path.of("..", "results", "baseline", "tiny");
    ComparisonResult r = LeaderboardComparison.compare(baseline, board.getParent(), false);
    assertTrue(r.passed(), "moved against the committed baseline: " + r.moved());
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

  private static long countArtifacts(Path cache) throws Exception {
    try (Stream<Path> s = Files.walk(cache.resolve("store"))) {
      return s.filter(p -> p.getFileName().toString().equals("sidecar.json")).count();
    }
  }
}
