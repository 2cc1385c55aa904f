package org.tdabench.datasets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import org.tdabench.core.UserError;
import org.tdabench.datasets.artbench.ArtBenchSource;
import org.tdabench.datasets.cifar.Cifar10Source;
import org.tdabench.datasets.coco.CocoSource;
import org.tdabench.datasets.fashion.FashionMnistSource;
import org.tdabench.datasets.procedural.ProceduralSource;

/**
 * Dataset names to sources: the built-ins ({@code cifar10}, {@code artbench10}, {@code coco},
 * {@code fashion-mnist}, {@code procedural}) plus any {@link DatasetSource} registered through
 * {@link ServiceLoader}.
 */
public final class DatasetRegistry {
  private static final Map<String, DatasetSource> SOURCES = new LinkedHashMap<>();
  private static final Map<String, String> ALIASES = Map.of(
      "cifar-10", "cifar10", "artbench-10", "artbench10", "artbench", "artbench10", "coco2017", "coco",
      "fashion_mnist", "fashion-mnist", "fashionmnist", "fashion-mnist");

  static {
    for (DatasetSource s : List.of(new ProceduralSource(), new Cifar10Source(), new ArtBenchSource(),
        new CocoSource(), new FashionMnistSource())) {
      SOURCES.put(s.name(), s);
    }
    for (DatasetSource s : ServiceLoader.load(DatasetSource.class)) {
      SOURCES.putIfAbsent(s.name(), s);
    }
  }

  private DatasetRegistry() {}

  /** Every known name, the built-ins first. */
  public static List<String> names() {
    return new ArrayList<>(SOURCES.keySet());
  }

  /** The source called {@code name} (case-insensitive; a few aliases accepted). */
  public static DatasetSource get(String name) {
    String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    key = ALIASES.getOrDefault(key, key);
    DatasetSource s = SOURCES.get(key);
    if (s == null) {
      throw new UserError("unknown dataset '" + name + "'; known datasets: " + String.join(", ", names()));
    }
    return s;
  }
}
