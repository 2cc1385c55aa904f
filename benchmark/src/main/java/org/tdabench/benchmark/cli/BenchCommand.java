package org.tdabench.benchmark.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tdabench bench ...}: measurements that print figures (throughput, GFLOP/s, peak memory,
 * ratios to a same-run reference). Every bench command ends with one machine-readable line of
 * {@code key=value} pairs on stdout.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure speed and memory; the last line of output is key=value pairs.",
    subcommands = {BenchModelCommand.class, BenchFleetCommand.class, BenchDataCommand.class,
        BenchAttributionCommand.class, BenchLdsPowerCommand.class, BenchGradientsCommand.class,
        BenchEnsembleCommand.class})
public final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }
}
