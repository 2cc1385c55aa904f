package org.tdabench.benchmark.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tdabench.benchmark.run.LdsPower;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tdabench bench lds-power}: a pilot run's LDS variance components and the number of subsets
 * a powered run of the same model needs (computing the pilot's trainings, attributions and ground
 * truth through the store if they are missing).
 */
@Command(name = "lds-power", mixinStandardHelpOptions = true,
    description = "Variance components of every method's LDS (shared through the subsets, per target, between "
        + "targets) and of its paired difference to random on a pilot run, and the subsets a run needs for the "
        + "paired 95 % interval to exclude 0 with 80 % power; the last line is key=value pairs.")
public final class BenchLdsPowerCommand implements Callable<Integer> {
  @Mixin
  RunOptions options;

  @Option(names = "--delta", paramLabel = "D", description = "The LDS difference to detect (default: each "
      + "method's observed difference to random).")
  Double delta;

  @Option(names = "--reference", paramLabel = "METHOD", description = "Also size the comparison of every method "
      + "with this one (at --delta, default 0.10).")
  String reference;

  @Option(names = "--targets", split = ",", defaultValue = "32,100", paramLabel = "T",
      description = "Target counts to size for (default: 32,100).")
  int[] targets;

  @Override
  public Integer call() {
    Map<String, Object> kv = LdsPower.measure(options.config(Path.of(".")), System.out,
        delta == null ? Double.NaN : delta, reference, targets);
    System.out.println(KeyValueLine.format(kv));
    return 0;
  }
}
