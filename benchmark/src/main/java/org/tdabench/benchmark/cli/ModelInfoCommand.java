package org.tdabench.benchmark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tdabench.benchmark.run.BoundModel;
import org.tdabench.datasets.CacheLayout;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.config.ModelPresets;
import org.tdabench.models.nn.DitEdmParams;
import org.tdabench.models.nn.ParamSubsets;
import org.tdabench.models.nn.ParamTable;
import org.tdabench.models.perf.FlopCounter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tdabench model-info --preset NAME [--dataset D]}: the architecture and its parameter
 * count; with {@code --dataset}, the model as a run binds it to that dataset's image shape and
 * conditioning (nothing is downloaded or prepared).
 */
@Command(name = "model-info", mixinStandardHelpOptions = true,
    description = "Print a preset's architecture and parameter count (no session is created).")
public final class ModelInfoCommand implements Callable<Integer> {
  @Option(names = "--preset", defaultValue = "small",
      description = "Preset: tiny, small (default), paper-cifar10, paper-artbench10, paper-coco.")
  String preset;

  @Option(names = "--tensors", description = "Also list every parameter tensor.")
  boolean tensors;

  @Option(names = "--dataset", description = "Bind the model to this dataset as `run` does (image shape, "
      + "conditioning); the printed count is then the trained model's.")
  String dataset;

  @Option(names = "--cache", description = "Cache folder (only read, to see which source variant is present).")
  Path cache;

  @Override
  public Integer call() {
    ModelPreset p = dataset == null ? ModelPresets.get(preset)
        : BoundModel.planned(preset, dataset, CacheLayout.resolve(cache).root());
    ParamTable t = DitEdmParams.of(p.arch());
    System.out.println("preset: " + p.name() + " (" + p.description() + ")");
    if (dataset != null) {
      System.out.println("bound to: " + dataset + " (" + (p.arch().unconditional() ? "unconditional"
          : p.arch().condDim() + "-d conditions") + ")");
    }
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
