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

  /** A row whose LDS is {@code lds} with half-width {@code half}. */
  public static LeaderboardRow row(String method, double lds, double half, int union, int subsets, boolean det, String hash) {
    return row(method, lds, half, union, subsets, det, hash, "machine-1");
  }

  /** The same on a machine of fingerprint {@code machine}. */
  public static LeaderboardRow row(String method, double lds, double half, int union, int subsets, boolean det, String hash,
      String machine) {
    Estimate auc = new Estimate(0.7, 0.6, 0.8, 10, "b");
    Estimate ratio = new Estimate(-5, -8, -2, 10, "se");
    return new LeaderboardRow(method, new Estimate(lds, lds - half, lds + half, 16, "b"), null, Double.NaN,
        Double.NaN, Map.of("ssim", new LeaderboardRow.AblationCells(auc, ratio, auc, ratio)), union, null, null, -1,
        0.5, new LeaderboardRow.Counts(16, 0, subsets, 1, 10, 10, 1), det, Map.of("scores", hash, "machine", machine));
  }

  Path write(String name, LeaderboardRow... rows) throws Exception {
    Path folder = dir.resolve(name);
    LeaderboardCsv.write(folder.resolve("leaderboard-procedural.csv"), List.of(rows));
    return folder;
  }

  @Test
  void identicalRunsPass() throws Exception {
    Path base = write("base", row("random", 0.0, 0.1, 60, 8, false, "a"), row("pixel", 0.3, 0.1, 40, 8, false, "a"));
    Path run = write("run", row("random", 0.0, 0.1, 60, 8, false, "a"), row("pixel", 0.3, 0.1, 40, 8, false, "a"));
    ComparisonResult r = LeaderboardComparison.compare(base, run, false);
    assertTrue(r.passed(), r.moved().toString());
    assertEquals(1, r.files());
    // per row: lds_gen, lds_val, 4 ablation scores, overlap, recall + 7 counts + recall_k = 16
    assertEquals(2 * 16, r.cellsCompared());
  }

  @Test
  void movesWithinTheLargerHalfWidthPassBeyondFail() throws Exception {
    Path base = write("base", row("pixel", 0.30, 0.05, 40, 8, false, "a"));
    assertTrue(LeaderboardComparison.compare(base, write("near", row("pixel", 0.37, 0.08, 41, 8, false, "a")), false)
        .passed(), "0.07 is inside the run's half-width 0.08; union size is not compared without determinism");
    ComparisonResult r = LeaderboardComparison.compare(base, write("far", row("pixel", 0.40, 0.08, 40, 8, false, "a")),
        false);
    assertFalse(r.passed());
    assertEquals(1, r.moved().size());
    CellChange c = r.moved().get(0);
    assertEquals("lds_gen", c.column());
    assertEquals(0.08, c.tolerance(), 1e-9);
    assertEquals("leaderboard-procedural.csv: pixel lds_gen 0.300000 -> 0.400000 (tolerance 0.080000, interval "
        + "half-width)", c.describe());
  }

  @Test
  void deterministicRowsMustMatchExactly() throws Exception {
    Path base = write("base", row("pixel", 0.30, 0.05, 40, 8, true, "a"));
    ComparisonResult r = LeaderboardComparison.compare(base, write("run", row("pixel", 0.300001, 0.05, 41, 8, true,
        "a")), false);
    assertEquals(List.of("lds_gen", "removal_union_size"), r.moved().stream().map(CellChange::column).toList());
    assertTrue(r.moved().get(0).describe().endsWith("(exact: deterministic run on the same machine)"));
    // on another machine the bits may differ: back to the interval tolerance
    ComparisonResult other = LeaderboardComparison.compare(base, write("other", row("pixel", 0.300001, 0.05, 41, 8,
        true, "a", "machine-2")), false);
    assertTrue(other.passed(), other.moved().toString());
    // forcing exactness applies to non-deterministic rows too
    Path base2 = write("base2", row("pixel", 0.30, 0.05, 40, 8, false, "a"));
    Path run2 = write("run2", row("pixel", 0.31, 0.05, 40, 8, false, "a"));
    assertTrue(LeaderboardComparison.compare(base2, run2, false).passed());
    assertFalse(LeaderboardComparison.compare(base2, run2, true).passed());
  }

  @Test
  void countsMustMatchAndHashesAreNotes() throws Exception {
    Path base = write("base", row("pixel", 0.30, 0.05, 40, 8, false, "a"));
    ComparisonResult r = LeaderboardComparison.compare(base, write("run", row("pixel", 0.30, 0.05, 40, 16, false,
        "b"), row("new", 0.1, 0.1, 1, 16, false, "b")), false);
    assertEquals(List.of("n_subsets"), r.moved().stream().map(CellChange::column).toList());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("new method 'new'")), r.notes().toString());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("hash_scores changed")), r.notes().toString());
  }

  @Test
  void structuralProblemsAreOneLineUserErrors() throws Exception {
    Path base = write("base", row("random", 0, 0.1, 60, 8, false, "a"), row("pixel", 0.3, 0.1, 40, 8, false, "a"));
    Path run = write("run", row("random", 0, 0.1, 60, 8, false, "a"));
    assertMessage("method 'pixel' of the baseline is missing", () -> LeaderboardComparison.compare(base, run, false));

    Path cut = dir.resolve("cut");
    Files.createDirectories(cut);
    List<String> lines = Files.readAllLines(base.resolve("leaderboard-procedural.csv"));
    Files.write(cut.resolve("leaderboard-procedural.csv"), lines.stream()
        .map(l -> l.substring(0, l.lastIndexOf(','))).toList());
    assertMessage("lacks column 'hash_scores'", () -> LeaderboardComparison.compare(base, cut, false));

    Path ragged = dir.resolve("ragged");
    Files.createDirectories(ragged);
    Files.writeString(ragged.resolve("leaderboard-procedural.csv"), lines.get(0) + "\nrandom,0.1\n");
    assertMessage("malformed CSV", () -> LeaderboardComparison.compare(base, ragged, false));

    Path text = dir.resolve("text");
    Files.createDirectories(text);
    Files.write(text.resolve("leaderboard-procedural.csv"), List.of(lines.get(0),
        lines.get(1).replaceFirst("^random,[^,]*,", "random,abc,"), lines.get(2)));
    assertMessage("is not a number ('abc')", () -> LeaderboardComparison.compare(base, text, false));

    assertMessage("the run has no leaderboard-procedural.csv",
        () -> LeaderboardComparison.compare(base, Files.createDirectories(dir.resolve("empty")), false));
    assertMessage("no leaderboard-*.csv in baseline", () -> LeaderboardComparison.compare(dir.resolve("empty"), run,
        false));
  }

  private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
    UserError e = assertThrows(UserError.class, call);
    assertTrue(e.getMessage().contains(part), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
