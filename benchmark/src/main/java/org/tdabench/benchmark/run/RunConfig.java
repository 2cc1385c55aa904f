package org.tdabench.benchmark.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the user asked for: preset, dataset, methods, root seed, cache, output folder, method option
 * overrides, data selection, and how jobs run. Every job of a run carries the part that decides its
 * results ({@link #recipe}), never a path, so another process rebuilds the same context against
 * whatever store it is given ({@code tdabench job <id> --store DIR}).
 *
 * @param preset benchmark preset name
 * @param dataset dataset name (null: the preset's)
 * @param methods method names in leaderboard order (random is always added for the ablation)
 * @param seed the root of the seed tree
 * @param cache cache root (datasets under it, the artifact store in {@code <cache>/store})
 * @param out where results/ and reports/ go
 * @param methodOptions user overrides: method -> key -> value
 * @param workers concurrent in-process jobs
 * @param threads TensorFlow intra-op threads of every job (default 1: jobs are packed one per core).
 *     Part of every artifact's recipe, since it changes the bits.
 * @param trainSize training images (0: the preset's; real data is sampled per class from the seed tree)
 * @param classes class names or indices to keep (empty: all), as D-TRAK's CIFAR-2 keeps two
 */
public record RunConfig(String preset, String dataset, List<String> methods, long seed, Path cache, Path out,
    Map<String, Map<String, String>> methodOptions, int workers, int threads, int trainSize, List<String> classes) {

  public RunConfig {
    methods = List.copyOf(methods);
    classes = List.copyOf(classes);
    Map<String, Map<String, String>> m = new TreeMap<>();
    methodOptions.forEach((k, v) -> m.put(k, new TreeMap<>(v)));
    methodOptions = m;
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    if (trainSize < 0) {
      throw new IllegalArgumentException("trainSize must be >= 0: " + trainSize);
    }
  }

  /** One TensorFlow thread per job, the preset's data. */
  public RunConfig(String preset, String dataset, List<String> methods, long seed, Path cache, Path out,
      Map<String, Map<String, String>> methodOptions, int workers) {
    this(preset, dataset, methods, seed, cache, out, methodOptions, workers, 1, 0, List.of());
  }

  /** The dataset that runs: the given one, else the preset's. */
  public String effectiveDataset() {
    return dataset == null || dataset.isBlank() ? BenchmarkPresets.get(preset).dataset() : dataset;
  }

  /** This configuration with another cache root. */
  public RunConfig withCache(Path c) {
    return new RunConfig(preset, dataset, methods, seed, c, out, methodOptions, workers, threads, trainSize, classes);
  }

  /** This configuration with another thread count per job. */
  public RunConfig withThreads(int n) {
    return new RunConfig(preset, dataset, methods, seed, cache, out, methodOptions, workers, n, trainSize, classes);
  }

  /** Everything, paths included: identifies an open context within one process. */
  public Map<String, Object> toJson() {
    Map<String, Object> j = recipe(true);
    j.put("methods", methods);
    j.put("cache", cache.toAbsolutePath().toString());
    j.put("out", out.toAbsolutePath().toString());
    j.put("workers", workers);
    return j;
  }

  /**
   * What decides a job's results, for its recipe: preset, dataset, data selection, root seed and
   * thread count, plus the method options for jobs that run methods. No paths, no worker count and no
   * method list, so that runs differing only in those plan the same jobs.
   */
  public Map<String, Object> recipe(boolean withMethodOptions) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("preset", preset);
    j.put("dataset", effectiveDataset());
    j.put("seed", seed);
    j.put("threads", threads);
    if (trainSize > 0) {
      j.put("trainSize", trainSize);
    }
    if (!classes.isEmpty()) {
      j.put("classes", classes);
    }
    if (withMethodOptions) {
      j.put("methodOptions", methodOptions);
    }
    return j;
  }

  /** The configuration a job's {@link #recipe} describes, against the cache root {@code cache}. */
  @SuppressWarnings("unchecked")
  public static RunConfig fromRecipe(Map<String, Object> j, Path cache) {
    Map<String, Map<String, String>> mo = new TreeMap<>();
    ((Map<String, Object>) j.getOrDefault("methodOptions", Map.of())).forEach((k, v) -> {
      Map<String, String> o = new TreeMap<>();
      ((Map<String, Object>) v).forEach((a, b) -> o.put(a, String.valueOf(b)));
      mo.put(k, o);
    });
    return new RunConfig((String) j.get("preset"), (String) j.get("dataset"), List.of(),
        ((Number) j.get("seed")).longValue(), cache, Path.of("."), mo, 1,
        ((Number) j.getOrDefault("threads", 1)).intValue(), ((Number) j.getOrDefault("trainSize", 0)).intValue(),
        (List<String>) j.getOrDefault("classes", List.of()));
  }
}
