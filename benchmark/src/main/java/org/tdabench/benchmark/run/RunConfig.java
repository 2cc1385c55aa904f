package org.tdabench.benchmark.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the user asked for: preset, dataset, methods, root seed, cache, output folder, and method
 * option overrides. It round-trips through a JSON map, so every job of a run can rebuild the same
 * context in another process ({@code tdabench job <id>}).
 *
 * @param preset benchmark preset name
 * @param dataset dataset name (null: the preset's)
 * @param methods method names in leaderboard order (random is always added for the ablation)
 * @param seed the root of the seed tree
 * @param cache cache root (datasets under it, the artifact store in {@code <cache>/store})
 * @param out where results/ and reports/ go
 * @param methodOptions user overrides: method -> key -> value
 * @param workers concurrent jobs
 * @param threads TensorFlow intra-op threads per job (part of every recipe: thread counts can change
 *     the bits of a reduction)
 * @param trainSize training images (0: the preset's; real data is sampled per class from the seed tree)
 * @param classes class names or indices to keep (empty: all), as D-TRAK's CIFAR-2 keeps two
 */
public record RunConfig(String preset, String dataset, List<String> methods, long seed, Path cache, Path out,
    Map<String, Map<String, String>> methodOptions, int workers, int threads, int trainSize, List<String> classes) {

  public RunConfig {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    methods = List.copyOf(methods);
    classes = List.copyOf(classes);
    if (trainSize < 0) {
      throw new IllegalArgumentException("trainSize must be >= 0: " + trainSize);
    }
    Map<String, Map<String, String>> m = new TreeMap<>();
    methodOptions.forEach((k, v) -> m.put(k, new TreeMap<>(v)));
    methodOptions = m;
  }

  /** The dataset that runs: the given one, else the preset's. */
  public String effectiveDataset() {
    return dataset == null || dataset.isBlank() ? BenchmarkPresets.get(preset).dataset() : dataset;
  }

  public Map<String, Object> toJson() {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("preset", preset);
    j.put("dataset", effectiveDataset());
    j.put("methods", methods);
    j.put("seed", seed);
    j.put("cache", cache.toAbsolutePath().toString());
    j.put("out", out.toAbsolutePath().toString());
    j.put("methodOptions", methodOptions);
    j.put("workers", workers);
    j.put("threads", threads);
    j.put("trainSize", trainSize);
    j.put("classes", classes);
    return j;
  }

  @SuppressWarnings("unchecked")
  public static RunConfig fromJson(Map<String, Object> j) {
    Map<String, Map<String, String>> mo = new TreeMap<>();
    ((Map<String, Object>) j.getOrDefault("methodOptions", Map.of())).forEach((k, v) -> {
      Map<String, String> o = new TreeMap<>();
      ((Map<String, Object>) v).forEach((a, b) -> o.put(a, String.valueOf(b)));
      mo.put(k, o);
    });
    return new RunConfig((String) j.get("preset"), (String) j.get("dataset"),
        new ArrayList<>((List<String>) j.get("methods")), ((Number) j.get("seed")).longValue(),
        Path.of((String) j.get("cache")), Path.of((String) j.get("out")), mo,
        ((Number) j.getOrDefault("workers", 1)).intValue(), ((Number) j.getOrDefault("threads", 1)).intValue(),
        ((Number) j.getOrDefault("trainSize", 0)).intValue(), (List<String>) j.getOrDefault("classes", List.of()));
  }
}
