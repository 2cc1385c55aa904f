package org.tdabench.benchmark.cli;

import java.util.concurrent.Callable;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.config.ModelPresets;
import org.tdabench.models.nn.DitEdmParams;
import org.tdabench.models.nn.ParamSubsets;
import org.tdabench.models.nn.ParamTable;
import org.tdabench.models.perf.FlopCounter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tdabench model-info --preset NAME}: the architecture and its parameter count. */
@Command(name = "model-info", mixinStandardHelpOptions = true,
    description = "Print a preset's architecture and parameter count (no session is created).")
public final class ModelInfoCommand implements Callable<Integer> {
  @Option(names = "--preset", defaultValue = "small",
      description = "Preset: tiny, small (default), paper-cifar10, paper-artbench10, paper-coco.")
  String preset;

  @Option(names = "--tensors", description = "Also list every parameter tensor.")
  boolean tensors;

  @Override
  public Integer call() {
    ModelPreset p = ModelPresets.get(preset);
    ParamTable t = DitEdmParams.of(p.arch());
    System.out.println("preset: " + p.name() + " (" + p.description() + ")");
    System.out.println("architecture: " + p.arch());
    System.out.println("tokens: " + p.arch().patchTokens() + " patch + " + p.arch().extraTokens() + " extra");
    System.out.printf(java.util.Locale.ROOT, "forward GFLOP per image: %.4f%n", FlopCounter.forwardPerImage(p.arch()) / 1e9);
    System.out.println("MLP-weight subset (MUCS trainable): " + t.count(ParamSubsets.mlpWeights(t)));
    if (tensors) {
      t.specs().forEach(s -> System.out.println("  " + s + " " + s.size()));
    }
    System.out.println("parameters: " + t.count());
    return 0;
  }
}
