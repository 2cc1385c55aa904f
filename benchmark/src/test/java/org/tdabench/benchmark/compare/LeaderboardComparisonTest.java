package org.tdabench.benchmark.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.benchmark.report.LeaderboardCsv;
import org.tdabench.benchmark.report.LeaderboardRow;
import org.tdabench.benchmark.stats.Estimate;
import org.tdabench.core.UserError;

public class LeaderboardComparisonTest {
  @TempDir Path dir;

  /** A deterministic row of machine "fp-a", protocol "p1". */
  public static LeaderboardRow row(String method, double lds, int union, int subsets, String hash) {
    return row(method, lds, union, subsets, true, hash, "fp-a", "p1");
  }

  public static LeaderboardRow row(String method, double lds, int union, int subsets, boolean det, String hash,
      String fingerprint, String protocol) {
    Estimate auc = new Estimate(0.7, 0.6, 0.8, 10, "b");
    Estimate ratio = new Estimate(-5, -8, -2, 10, "se");
    return new LeaderboardRow(method, new Estimate(lds, lds - 0.4, lds + 0.4, 16, "b"), null, null, null, "", "", "",
        Double.NaN,
        Double.NaN, Map.of("ssim", new LeaderboardRow.AblationCells(auc, auc, auc, ratio, auc, ratio)), union, null, null, -1,
        0.5, new LeaderboardRow.Counts(16, 0, 0, 0, subsets, 1, 10, 10, 1), det, fingerprint, protocol,
        Map.of("scores", hash));
  }

  /** A run folder with these rows (and its run metadata naming preset "small"). */
  Path run(String name, LeaderboardRow... rows) throws Exception {
    Path folder = dir.resolve(name);
    LeaderboardCsv.write(folder.resolve("leaderboard-procedural.csv"), List.of(rows));
    Files.writeString(folder.resolve("run-procedural.json"), "{\"preset\": \"small\", \"machines\": "
        + "[{\"fingerprint\": \"" + rows[0].fingerprint() + "\", \"cpu\": {\"vendor\": \"V\", \"model\": \""
        + rows[0].fingerprint() + "\"}}]}");
    return folder;
  }

  /** A baseline folder of preset "small" recorded on "fp-a", with a spread of 0.01 for lds_gen. */
  public static Path baseline(Path folder, String preset, LeaderboardRow... rows) throws Exception {
    LeaderboardCsv.write(folder.resolve("leaderboard-procedural.csv"), List.of(rows));
    Files.writeString(folder.resolve("baseline.json"), "{\"preset\": \"" + preset + "\", \"fingerprint\": \"fp-a\", "
        + "\"machine\": {\"fingerprint\": \"fp-a\", \"cpu\": {\"vendor\": \"V\", \"model\": \"fp-a\"}}}");
    StringBuilder spread = new StringBuilder("method,column,sd,paths\n");
    for (LeaderboardRow r : rows) {
      spread.append(r.method()).append(",lds_gen,0.04,4\n");
      spread.append(r.method()).append(",abl_ssim_targets_auc,0.02,4\n");
    }
    Files.writeString(folder.resolve("spread-procedural.csv"), spread);
    return folder;
  }

  Path baseline(LeaderboardRow... rows) throws Exception {
    return baseline(dir.resolve("baseline"), "small", rows);
  }

  @Test
  void sameFingerprintIsExactAndSaysSo() throws Exception {
    Path base = baseline(row("random", 0.0, 60, 8, "a"), row("pixel", 0.3, 40, 8, "a"));
    ComparisonResult same = LeaderboardComparison.compare(base, run("same", row("random", 0.0, 60, 8, "a"),
        row("pixel", 0.3, 40, 8, "a")), false);
    assertTrue(same.passed(), same.moved().toString());
    assertTrue(same.rules().get(0).contains("exact: this run's fingerprint fp-a is the baseline's"), same.rules().toString());
    ComparisonResult tiny = LeaderboardComparison.compare(base, run("tiny", row("random", 0.0, 60, 8, "a"),
        row("pixel", 0.300001, 41, 8, "a")), false);
    assertEquals(List.of("lds_gen", "removal_union_size"), tiny.moved().stream().map(CellChange::column).toList());
    assertTrue(tiny.moved().get(0).describe().endsWith("(exact)"), tiny.moved().get(0).describe());
  }

  @Test
  void otherFingerprintIsStatisticalWithTheMeasuredSpread() throws Exception {
    Path base = baseline(row("pixel", 0.30, 40, 8, "a"));
    // 0.15 is within 5 x 0.04; the union size has no measured spread: not compared statistically
    ComparisonResult near = LeaderboardComparison.compare(base, run("near", row("pixel", 0.45, 41, 8, true, "b",
        "fp-b", "p1")), false);
    assertTrue(near.passed(), near.moved().toString());
    String rule = near.rules().get(0);
    assertTrue(rule.contains("statistical: this run's fingerprint fp-b differs from the baseline's fp-a")
        && rule.contains("cpu.model fp-a -> fp-b") && rule.contains("5 x the spread over 4 float paths"), rule);
    assertTrue(near.notes().get(0).contains("hash_scores changed in 1 of 1 rows")
        && near.notes().get(0).contains("another float path"), near.notes().toString());
    ComparisonResult far = LeaderboardComparison.compare(base, run("far", row("pixel", 0.51, 40, 8, true, "a",
        "fp-b", "p1")), false);
    assertEquals(1, far.moved().size());
    assertEquals(0.2, far.moved().get(0).tolerance(), 1e-9);
    assertEquals("leaderboard-procedural.csv: pixel lds_gen 0.300000 -> 0.510000 (statistical, tolerance 0.200000)",
        far.moved().get(0).describe());
    // without a measured spread the floor is a quarter of the interval's half-width (0.4 here)
    assertEquals(0.1, LeaderboardComparison.F * 0.4, 1e-12);
    // non-default numerics on the baseline's own machine: statistical too
    ComparisonResult loose = LeaderboardComparison.compare(base, run("loose", row("pixel", 0.45, 40, 8, false, "a",
        "fp-a", "p1")), false);
    assertTrue(loose.passed() && loose.rules().get(0).contains("non-default numerics"), loose.rules().toString());
  }

  @Test
  void injectedRegressionsFailUnderBothRules() throws Exception {
    Path base = baseline(row("random", 0.0, 60, 8, "a"), row("pixel", 0.3, 40, 8, "a"));
    for (String fp : List.of("fp-a", "fp-b")) {
      // a method's scores negated: its LDS flips sign
      ComparisonResult negated = LeaderboardComparison.compare(base, run("neg-" + fp,
          row("random", 0.0, 60, 8, true, "a", fp, "p1"), row("pixel", -0.3, 40, 8, true, "a", fp, "p1")), false);
      assertEquals(List.of("lds_gen"), negated.moved().stream().map(CellChange::column).distinct().toList(), fp);
      // a protocol constant changed: never a float-path difference
      ComparisonResult protocol = LeaderboardComparison.compare(base, run("proto-" + fp,
          row("random", 0.0, 60, 8, true, "a", fp, "p2"), row("pixel", 0.3, 40, 8, true, "a", fp, "p2")), false);
      assertEquals(2, protocol.moved().stream().filter(c -> c.column().equals("protocol")).count(), fp);
      assertTrue(protocol.moved().get(0).describe().contains("the protocol changed"), fp);
      // a count changed
      ComparisonResult counts = LeaderboardComparison.compare(base, run("count-" + fp,
          row("random", 0.0, 60, 16, true, "a", fp, "p1"), row("pixel", 0.3, 40, 8, true, "a", fp, "p1")), false);
      assertEquals(List.of("n_subsets"), counts.moved().stream().map(CellChange::column).toList(), fp);
    }
  }

  @Test
  void exactBaselinesOfOtherMachines() throws Exception {
    Path base = baseline(row("pixel", 0.30, 40, 8, "a"));
    Path exactB = base.resolve("exact").resolve("fp-b");
    LeaderboardCsv.write(exactB.resolve("leaderboard-procedural.csv"),
        List.of(row("pixel", 0.33, 40, 8, true, "b", "fp-b", "p1")));
    ComparisonResult r = LeaderboardComparison.compare(base, run("b", row("pixel", 0.33, 40, 8, true, "b", "fp-b",
        "p1")), false);
    assertTrue(r.passed(), r.moved().toString());
    assertTrue(r.rules().get(0).contains("exact") && r.rules().get(0).contains("exact/fp-b"), r.rules().toString());
    ComparisonResult off = LeaderboardComparison.compare(base, run("b2", row("pixel", 0.331, 40, 8, true, "b", "fp-b",
        "p1")), false);
    assertEquals(1, off.moved().size());
  }

  @Test
  void badInputIsOneLine() throws Exception {
    Path base = baseline(row("random", 0, 60, 8, "a"), row("pixel", 0.3, 40, 8, "a"));
    Path run = run("run", row("random", 0, 60, 8, "a"));
    assertMessage("method 'pixel' of the baseline is missing", () -> LeaderboardComparison.compare(base, run, false));
    Path extra = run("extra", row("random", 0, 60, 8, "a"), row("pixel", 0.3, 40, 8, "a"), row("new", 0, 1, 8, "a"));
    assertMessage("the run has method 'new' that the baseline lacks", () -> LeaderboardComparison.compare(base, extra,
        false));

    List<String> lines = Files.readAllLines(base.resolve("leaderboard-procedural.csv"));
    Path cut = Files.createDirectories(dir.resolve("cut"));
    Files.write(cut.resolve("leaderboard-procedural.csv"), lines.stream()
        .map(l -> l.substring(0, l.lastIndexOf(','))).toList());
    assertMessage("lacks column 'hash_scores'", () -> LeaderboardComparison.compare(base, cut, false));

    Path ragged = Files.createDirectories(dir.resolve("ragged"));
    Files.writeString(ragged.resolve("leaderboard-procedural.csv"), lines.get(0) + "\nrandom,0.1\n");
    assertMessage("malformed CSV", () -> LeaderboardComparison.compare(base, ragged, false));

    Path text = Files.createDirectories(dir.resolve("text"));
    Files.write(text.resolve("leaderboard-procedural.csv"), List.of(lines.get(0),
        lines.get(1).replaceFirst("^random,[^,]*,", "random,abc,"), lines.get(2)));
    assertMessage("is not a number ('abc')", () -> LeaderboardComparison.compare(base, text, false));

    assertMessage("the run has no leaderboard-procedural.csv",
        () -> LeaderboardComparison.compare(base, Files.createDirectories(dir.resolve("empty")), false));

    Path noFp = Files.createDirectories(dir.resolve("nofp"));
    Files.copy(base.resolve("leaderboard-procedural.csv"), noFp.resolve("leaderboard-procedural.csv"));
    assertMessage("has no baseline.json", () -> LeaderboardComparison.compare(noFp, run, false));

    Path tiny = baseline(dir.resolve("baseline-tiny"), "tiny", row("random", 0, 60, 8, "a"), row("pixel", 0.3, 40, 8, "a"));
    Path okRun = run("ok", row("random", 0, 60, 8, "a"), row("pixel", 0.3, 40, 8, "a"));
    assertMessage("is for preset tiny but the run", () -> LeaderboardComparison.compare(tiny, okRun, false));

    Files.delete(base.resolve("spread-procedural.csv"));
    Path other = run("other", row("random", 0, 60, 8, true, "a", "fp-b", "p1"), row("pixel", 0.3, 40, 8, true, "a",
        "fp-b", "p1"));
    assertMessage("has no spread-procedural.csv", () -> LeaderboardComparison.compare(base, other, false));
  }

  private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
    UserError e = assertThrows(UserError.class, call);
    assertTrue(e.getMessage().contains(part), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
