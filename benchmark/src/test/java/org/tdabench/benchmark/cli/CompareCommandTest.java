package org.tdabench.benchmark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.benchmark.compare.LeaderboardComparisonTest;
import org.tdabench.benchmark.report.LeaderboardCsv;

class CompareCommandTest {
  @TempDir Path dir;


  private static Run run(String... args) {
    return Run.of(args);
  }

  @Test
  void exitCodesAndOutput() throws Exception {
    Path base = LeaderboardComparisonTest.baseline(dir.resolve("baseline/small"), "small",
        LeaderboardComparisonTest.row("pixel", 0.3, 40, 8, "a"));
    Path same = dir.resolve("small");
    Path moved = dir.resolve("moved/small");
    LeaderboardCsv.write(same.resolve("leaderboard-procedural.csv"),
        List.of(LeaderboardComparisonTest.row("pixel", 0.3, 40, 8, "a")));
    LeaderboardCsv.write(moved.resolve("leaderboard-procedural.csv"),
        List.of(LeaderboardComparisonTest.row("pixel", 0.5, 40, 8, "a")));

    Run ok = run("compare", "--baseline", base.toString(), "--run", same.toString());
    assertEquals(0, ok.code(), ok.err());
    assertTrue(ok.out().contains("within tolerance"), ok.out());
    assertTrue(ok.out().contains("rule: leaderboard-procedural.csv: exact"), ok.out());

    Run bad = run("compare", "--baseline", base.toString(), "--run", moved.toString());
    assertEquals(3, bad.code());
    assertTrue(bad.out().contains("moved: leaderboard-procedural.csv: pixel lds_gen 0.300000 -> 0.500000"), bad.out());

    Run missing = run("compare", "--baseline", dir.resolve("nowhere").toString(), "--run", same.toString());
    assertEquals(2, missing.code());
    assertEquals(1, missing.err().strip().lines().count(), missing.err());
    assertTrue(missing.err().startsWith("tdabench: baseline folder"), missing.err());
  }

  @Test
  void helpListsOptionsAndExitCodes() {
    Run help = run("compare", "--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("--baseline=DIR") && help.out().contains("--run=DIR")
        && help.out().contains("Exit codes:"), help.out());
    Run top = run("--help");
    assertTrue(top.out().contains("compare") && top.out().contains("job"), top.out());
  }

  @Test
  void jobCommandReportsUnknownJobsAsOneLine() throws Exception {
    var store = org.tdabench.benchmark.store.ArtifactStore.open(dir.resolve("cache/store"));
    java.nio.file.Files.createDirectories(store.jobsFolder());
    for (String[] where : new String[][] {{"--store", store.root().toString()}, {"--cache", dir.resolve("cache").toString()}}) {
      Run r = run("job", "nope", where[0], where[1]);
      assertEquals(2, r.code());
      assertTrue(r.err().startsWith("tdabench: no job 'nope'"), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
  }
}
