package org.tdabench.benchmark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tdabench.benchmark.compare.CellChange;
import org.tdabench.benchmark.compare.ComparisonResult;
import org.tdabench.benchmark.compare.LeaderboardComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tdabench compare --baseline DIR [--run DIR] [--exact]}: fails when a leaderboard cell of the
 * run left its tolerance against the baseline, and prints which cells moved.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
        "Compare a run's leaderboard-*.csv files with a baseline and fail when a method's score moved.",
        "Exact where the run's machine fingerprint has a baseline (every number equal); statistical elsewhere "
            + "(a score may move by 5 x its measured float-path spread). Counts (n_*) and each row's protocol "
            + "must always match. The rule used, and why, is printed per file."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every compared cell is within tolerance",
        "2:bad input (missing folder, file, method or column; malformed CSV)",
        "3:at least one cell moved outside its tolerance (listed on stdout)"})
public final class CompareCommand implements Callable<Integer> {
  /** Exit code when cells moved. */
  public static final int MOVED = 3;

  @Option(names = "--baseline", required = true, paramLabel = "DIR",
      description = "Folder with the baseline leaderboard-*.csv files, e.g. results/baseline/small.")
  Path baseline;

  @Option(names = "--run", paramLabel = "DIR",
      description = "Folder with the run's leaderboards (default: results/<name of the baseline folder>).")
  Path run;

  @Option(names = "--exact", description = "Demand exact equality for every file, whatever the fingerprints.")
  boolean exact;

  @Option(names = "--statistical", description = "Use the statistical rule for every file, as on another machine.")
  boolean statistical;

  @Override
  public Integer call() {
    Path runDir = run != null ? run : Path.of("results").resolve(baseline.toAbsolutePath().normalize().getFileName());
    if (exact && statistical) {
      throw new org.tdabench.core.UserError("--exact and --statistical exclude each other: choose one");
    }
    ComparisonResult r = LeaderboardComparison.compare(baseline, runDir, exact ? LeaderboardComparison.Mode.EXACT
        : statistical ? LeaderboardComparison.Mode.STATISTICAL : LeaderboardComparison.Mode.AUTO);
    for (String rule : r.rules()) {
      System.out.println("rule: " + rule);
    }
    for (String note : r.notes()) {
      System.out.println("note: " + note);
    }
    for (CellChange c : r.moved()) {
      System.out.println("moved: " + c.describe());
    }
    if (r.passed()) {
      System.out.println("compare: " + r.cellsCompared() + " cells in " + r.files() + " leaderboard(s) of " + runDir
          + " within tolerance of " + baseline);
      return 0;
    }
    System.out.println("compare: " + r.moved().size() + " of " + r.cellsCompared() + " cells moved outside "
        + "tolerance (" + runDir + " vs " + baseline + ")");
    return MOVED;
  }
}
