package org.tdabench.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.core.AtomicFiles;
import org.tdabench.core.Hashing;
import org.tdabench.core.UserError;
import org.tdabench.datasets.fetch.VerifiedFile;
import org.tdabench.datasets.prepared.PreparedWriter;
import org.tdabench.datasets.procedural.ProceduralConfig;
import org.tdabench.datasets.procedural.ProceduralSource;

/**
 * Entry points for the benchmark harness and the CLI: fetch sources, prepare a dataset (if
 * missing) and find its folder.
 */
public final class Datasets {
  private Datasets() {}

  /**
   * Prepares {@code dataset} unless an intact prepared folder for the same recipe exists, and
   * returns the folder. The folder is written under a temporary name and renamed into place only
   * when complete; on any error nothing is left under the final name.
   */
  public static Path prepare(String dataset, PrepareOptions options) {
    DatasetSource source = DatasetRegistry.get(dataset);
    CacheLayout cache = CacheLayout.resolve(options.cache());
    PrepareContext ctx = new PrepareContext(source, options, cache);
    PreparedWriter.Spec spec;
    try {
      spec = source.spec(ctx);
    } catch (IOException e) {
      throw new UserError("cannot plan " + dataset + " (" + UserError.oneLine(e.getMessage()) + ")");
    }
    Path target = cache.prepared().resolve(folderName(spec));
    if (Files.isDirectory(target) && !options.force()) {
      PreparedDataset.open(target).close(); // validates; a damaged folder is a clear error
      return target;
    }
    CacheLayout.ensureWritable(cache.prepared());
    try {
      AtomicFiles.cleanStaleTemporaries(cache.prepared());
      AtomicFiles.writeFolder(target, options.force(), tmp -> {
        try (PreparedWriter w = new PreparedWriter(tmp, spec)) {
          source.write(ctx, w);
          w.finish();
        }
      });
    } catch (IOException e) {
      throw new UserError("preparing " + dataset + " in " + cache.prepared() + " failed (" + UserError.oneLine(e.getMessage())
          + "); check free space and permissions, then run prepare again");
    }
    PreparedDataset.open(target).close();
    return target;
  }

  /**
   * What preparing {@code dataset} would write (image shape, conditioning, recipe), without
   * downloading or preparing anything: the same plan {@link #prepare} starts from.
   */
  public static PreparedWriter.Spec plan(String dataset, PrepareOptions options) {
    DatasetSource source = DatasetRegistry.get(dataset);
    PrepareContext ctx = new PrepareContext(source, options, CacheLayout.resolve(options.cache()));
    try {
      return source.spec(ctx);
    } catch (IOException e) {
      throw new UserError("cannot plan " + dataset + " (" + UserError.oneLine(e.getMessage()) + ")");
    }
  }

  /** Prepares the procedural dataset of {@code config} in {@code cache} (null: the default cache). */
  public static Path prepareProcedural(ProceduralConfig config, Path cache) {
    return prepare(ProceduralSource.NAME, PrepareOptions.defaults().withCache(cache).withProcedural(config));
  }

  /** Prepares if needed and opens. */
  public static PreparedDataset open(String dataset, PrepareOptions options) {
    return PreparedDataset.open(prepare(dataset, options));
  }

  /**
   * Fetches and verifies every source file of {@code dataset} (for the chosen variant) into the
   * download cache, or adopts the user's copies given with {@code --from}.
   */
  public static List<VerifiedFile> fetch(String dataset, PrepareOptions options) {
    DatasetSource source = DatasetRegistry.get(dataset);
    PrepareContext ctx = new PrepareContext(source, options, CacheLayout.resolve(options.cache()));
    try {
      return source.fetch(ctx);
    } catch (IOException e) {
      throw new UserError("fetching " + dataset + " failed (" + UserError.oneLine(e.getMessage())
          + "); rerun to resume");
    }
  }

  /**
   * The prepared folder's name: {@code <dataset>-<variant>-r<resolution>-<hash>}, the hash covering
   * the whole recipe (preprocessing version, shape, conditioning, options).
   */
  public static String folderName(PreparedWriter.Spec spec) {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("dataset", spec.dataset());
    key.put("variant", spec.variant());
    key.put("preprocessing", spec.preprocessingVersion());
    key.put("channels", spec.channels());
    key.put("resolution", spec.resolution());
    key.put("ragged", spec.ragged());
    key.put("cond_dim", spec.condDim());
    key.put("cond_kind", spec.condKind());
    key.put("encoder", spec.encoder());
    key.put("recipe", spec.recipe());
    String canonical = canonical(key);
    String hash = Hashing.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    return spec.dataset() + "-" + spec.variant() + "-r" + spec.resolution() + "-" + hash;
  }

  /** A stable text form of nested maps/lists/scalars (keys sorted). */
  static String canonical(Object o) {
    if (o instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      m.entrySet().stream().sorted((a, b) -> a.getKey().toString().compareTo(b.getKey().toString()))
          .forEach(e -> sb.append(e.getKey()).append('=').append(canonical(e.getValue())).append(';'));
      return sb.append('}').toString();
    }
    if (o instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      l.forEach(v -> sb.append(canonical(v)).append(','));
      return sb.append(']').toString();
    }
    return String.valueOf(o);
  }
}
