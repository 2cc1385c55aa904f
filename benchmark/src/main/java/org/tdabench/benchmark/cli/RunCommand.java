package org.tdabench.benchmark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tdabench.benchmark.run.Pipeline;
import org.tdabench.benchmark.run.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tdabench run}: the whole chain, from data to leaderboard and report. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the whole benchmark: prepare, train, generate, attribute (every method), LDS, "
        + "ablation, report. Reuses every stored artifact; an interrupted run resumes.")
public final class RunCommand implements Callable<Integer> {
  @Mixin
  RunOptions options;

  @Option(names = "--out", defaultValue = ".", description = "Where results/ and reports/ go (default: .).")
  Path out;

  @Option(names = "--baseline", paramLabel = "DIR",
      description = "After the run, compare its leaderboards with this baseline folder (skipped with a note "
          + "when the folder does not exist); exit 3 when a cell moved.")
  Path baseline;

  @Override
  public Integer call() throws Exception {
    RunSummary summary = new Pipeline(options.config(out), System.err).run();
    RunSummaryPrinter.print(summary);
    return compareWith(baseline, summary);
  }

  static int compareWith(Path baseline, RunSummary summary) {
    if (baseline == null) {
      return 0;
    }
    if (!Files.isDirectory(baseline)) {
      System.out.println("compare: no baseline at " + baseline + " for this preset; nothing compared");
      return 0;
    }
    CompareCommand compare = new CompareCommand();
    compare.baseline = baseline;
    compare.run = summary.leaderboard().getParent();
    return compare.call();
  }
}
