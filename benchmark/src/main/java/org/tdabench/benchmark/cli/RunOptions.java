package org.tdabench.benchmark.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.tdabench.benchmark.run.BenchmarkPresets;
import org.tdabench.benchmark.run.RunConfig;
import org.tdabench.core.UserError;
import org.tdabench.datasets.CacheLayout;
import picocli.CommandLine.Option;

/** The options every stage command shares (picocli mixin). */
public final class RunOptions {
  @Option(names = "--preset", defaultValue = "small",
      description = "Benchmark preset: tiny, small (default), paper-cifar10, paper-artbench10, paper-coco.")
  String preset;

  @Option(names = "--dataset", description = "Dataset (default: the preset's; procedural for tiny/small).")
  String dataset;

  @Option(names = "--methods", defaultValue = "all",
      description = "Comma-separated methods, or 'all' (default). random always runs (ablation reference).")
  String methods;

  @Option(names = "--seed", defaultValue = "0", description = "Root of the seed tree (default 0).")
  long seed;

  @Option(names = "--cache", description = "Cache folder (default: $TDABENCH_CACHE or the per-user cache); "
      + "prepared data and the artifact store (<cache>/store) live there.")
  Path cache;

  @Option(names = "--method-opt", paramLabel = "METHOD.KEY=VALUE",
      description = "A method option, e.g. mucs.num_noises=20 (repeatable); see `tdabench methods --options`.")
  List<String> methodOpts = new ArrayList<>();

  @Option(names = "--workers", description = "Concurrent jobs (default: cores / --threads).")
  Integer workers;

  @Option(names = "--train-size", defaultValue = "0", paramLabel = "N",
      description = "Training images (default: the preset's; a real dataset is sampled per class from the seed "
          + "tree and resized to the preset's resolution).")
  int trainSize;

  @Option(names = "--classes", split = ",", paramLabel = "CLASS",
      description = "Keep only these classes (names or indices), as D-TRAK's CIFAR-2: --classes automobile,horse.")
  List<String> classes = new ArrayList<>();

  @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
      description = "TensorFlow intra-op threads per job (default 1; part of every recipe, since thread counts "
          + "can change the last bits of results).")
  int threads;

  /** The run configuration these options describe, writing results under {@code out}. */
  RunConfig config(Path out) {
    BenchmarkPresets.get(preset);
    Map<String, Map<String, String>> opts = new TreeMap<>();
    for (String o : methodOpts) {
      int eq = o.indexOf('=');
      int dot = o.indexOf('.');
      if (eq < 0 || dot < 0 || dot > eq) {
        throw new UserError("--method-opt '" + o + "' must look like method.option=value");
      }
      opts.computeIfAbsent(o.substring(0, dot), k -> new TreeMap<>()).put(o.substring(dot + 1, eq), o.substring(eq + 1));
    }
    if (threads < 1) {
      throw new UserError("--threads must be >= 1");
    }
    int w = workers == null ? Math.max(1, Runtime.getRuntime().availableProcessors() / threads) : workers;
    if (w < 1) {
      throw new UserError("--workers must be >= 1");
    }
    Path c = CacheLayout.resolve(cache).root();
    if (trainSize < 0) {
      throw new UserError("--train-size must be >= 0 (0: the preset's)");
    }
    List<String> cls = classes.stream().map(String::trim).filter(x -> !x.isEmpty()).toList();
    if (!classes.isEmpty() && cls.isEmpty()) {
      throw new UserError("--classes is empty: name at least one class, or leave the option out");
    }
    return new RunConfig(preset.toLowerCase(Locale.ROOT), dataset, methodNames(methods), seed, c, out, opts, w, threads,
        trainSize, cls);
  }

  /**
   * The names in a {@code --methods} list; an empty or blank list is an error (not "all": a
   * forgotten value must not silently start the longest run there is).
   */
  static List<String> methodNames(String list) {
    List<String> ms = list == null ? List.of()
        : Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (ms.isEmpty()) {
      throw new UserError("--methods names no method; pass a comma-separated list (see `tdabench methods`)"
          + " or --methods all");
    }
    return ms;
  }
}
