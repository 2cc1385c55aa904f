package org.tdabench.benchmark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tdabench.benchmark.run.RunExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tdabench export --out DIR}: a finished run's ingredients for numpy and pandas. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write a finished run's LDS and ablation ingredients (.npy and CSV, with a README of shapes): "
        + "subset masks, ground truth, every score matrix, top-k lists, removals and similarities.")
public final class ExportCommand implements Callable<Integer> {
  @Mixin
  RunOptions options;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The export folder.")
  Path out;

  @Override
  public Integer call() throws Exception {
    RunExport.write(options.config(Path.of(".")), out);
    System.out.println(out.toAbsolutePath());
    return 0;
  }
}
