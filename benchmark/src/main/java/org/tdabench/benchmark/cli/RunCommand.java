package org.tdabench.benchmark.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.tdabench.benchmark.run.BenchmarkPresets;
import org.tdabench.benchmark.run.Pipeline;
import org.tdabench.benchmark.run.RunConfig;
import org.tdabench.core.UserError;
import org.tdabench.datasets.CacheLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tdabench run}: the whole chain, from data to leaderboard and report. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the whole benchmark: prepare, train, generate, attribute (every method), LDS, "
        + "ablation, report. Reuses every stored artifact; an interrupted run resumes.")
public final class RunCommand implements Callable<Integer> {
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

  @Option(names = "--cache", description = "Cache folder (default: $TDABENCH_CACHE or the per-user cache).")
  Path cache;

  @Option(names = "--out", defaultValue = ".", description = "Where results/ and reports/ go (default: .).")
  Path out;

  @Option(names = "--method-opt", description = "Method option, e.g. mucs.num_noises=20 (repeatable).")
  List<String> methodOpts = new ArrayList<>();

  @Option(names = "--workers", description = "Concurrent jobs, one TensorFlow thread each (default: cores).")
  Integer workers;

  @Option(names = "--baseline", paramLabel = "DIR",
      description = "After the run, compare its leaderboards with this baseline folder (skipped with a note "
          + "when the folder does not exist); exit 3 when a cell moved.")
  Path baseline;

  @Override
  public Integer call() throws Exception {
    RunConfig cfg = config(preset, dataset, methods, seed, cache, out, methodOpts, workers);
    var summary = new Pipeline(cfg, System.err).run();
    RunSummaryPrinter.print(summary);
    if (baseline == null) {
      return 0;
    }
    if (!java.nio.file.Files.isDirectory(baseline)) {
      System.out.println("compare: no baseline at " + baseline + " for this preset; nothing compared");
      return 0;
    }
    CompareCommand compare = new CompareCommand();
    compare.baseline = baseline;
    compare.run = summary.leaderboard().getParent();
    return compare.call();
  }

  static RunConfig config(String preset, String dataset, String methods, long seed, Path cache, Path out,
      List<String> methodOpts, Integer workers) {
    BenchmarkPresets.get(preset); // validates
    Map<String, Map<String, String>> opts = new TreeMap<>();
    for (String o : methodOpts) {
      int eq = o.indexOf('=');
      int dot = o.indexOf('.');
      if (eq < 0 || dot < 0 || dot > eq) {
        throw new UserError("--method-opt '" + o + "' must look like method.option=value");
      }
      opts.computeIfAbsent(o.substring(0, dot), k -> new TreeMap<>()).put(o.substring(dot + 1, eq), o.substring(eq + 1));
    }
    int w = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
    if (w < 1) {
      throw new UserError("--workers must be >= 1");
    }
    Path c = CacheLayout.resolve(cache).root();
    List<String> ms = Arrays.stream(methods.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    return new RunConfig(preset.toLowerCase(Locale.ROOT), dataset, ms, seed, c, out, opts, w);
  }
}
