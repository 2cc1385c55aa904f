package org.tdabench.benchmark.cli;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.tdabench.benchmark.run.Pipeline;
import org.tdabench.benchmark.run.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * One command per stage of {@code run}. Each runs that stage's jobs; whatever they need from earlier
 * stages is computed on demand through the store, so the stages may run in any order and repeat.
 */
final class StageCommands {
  private StageCommands() {}

  abstract static class Stage implements Callable<Integer> {
    @Mixin
    RunOptions options;

    final Path out = Path.of(".");

    abstract Set<String> kinds();

    @Override
    public Integer call() throws Exception {
      new Pipeline(options.config(out), System.err).runStages(kinds());
      return 0;
    }
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = "Train the run's models: the main model of every ablation seed and every LDS subset model.")
  static final class Train extends Stage {
    @Override
    Set<String> kinds() {
      return Set.of("train");
    }
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Generate the targets and controls of every ablation seed (training the main models if needed).")
  static final class Generate extends Stage {
    @Override
    Set<String> kinds() {
      return Set.of("targets");
    }
  }

  @Command(name = "attribute", mixinStandardHelpOptions = true,
      description = "Run the attribution methods on the run's targets (scores are stored and reused).")
  static final class Attribute extends Stage {
    @Override
    Set<String> kinds() {
      return Set.of("attribute");
    }
  }

  @Command(name = "lds", mixinStandardHelpOptions = true,
      description = "Compute the LDS ground truth: every subset model's losses on the gen and val targets.")
  static final class Lds extends Stage {
    @Override
    Set<String> kinds() {
      return Set.of("lds-ground-truth");
    }
  }

  @Command(name = "ablate", mixinStandardHelpOptions = true,
      description = "The retraining ablation: remove each method's top-k, retrain, regenerate with the same noise.")
  static final class Ablate extends Stage {
    @Override
    Set<String> kinds() {
      return Set.of("ablate");
    }
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = "Write the leaderboard CSVs and the HTML report from the stored artifacts of a finished run "
          + "(in-process or Slurm, same options as the run); refuses, naming what is missing, unless every job is "
          + "finished or --compute-missing is given.")
  static final class Report implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Option(names = "--out", defaultValue = ".", description = "Where results/ and reports/ go (default: .).")
    Path out;

    @Option(names = "--baseline", paramLabel = "DIR", description = "Also compare with this baseline folder.")
    Path baseline;

    @Option(names = "--compute-missing", description = "Compute whatever the store lacks, here, instead of refusing.")
    boolean computeMissing;

    @Override
    public Integer call() throws Exception {
      RunSummary s = new Pipeline(options.config(out), System.err).report(computeMissing);
      RunSummaryPrinter.print(s);
      return RunCommand.compareWith(baseline, s);
    }
  }
}
