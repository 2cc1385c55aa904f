package org.tdabench.datasets;

import java.nio.file.Path;
import org.tdabench.core.Progress;
import org.tdabench.datasets.fetch.FetchConfig;
import org.tdabench.datasets.procedural.ProceduralConfig;
import org.tdabench.datasets.text.TextEncoderSpec;

/**
 * Options of {@code fetch} and {@code prepare}; null fields take the documented default.
 *
 * @param cache cache root, or null for {@code $TDABENCH_CACHE} / the per-user default
 * @param variant source form (e.g. "python" or "binary" for CIFAR-10), or null for the default or
 *     the one inferred from {@code from} and the cache
 * @param resolution square side (shorter side for COCO), or null for the dataset's default
 * @param from an archive or folder the user already has (offline mode), or null
 * @param offline true to never download (fail with a clear message instead)
 * @param force true to rebuild the prepared folder even if it exists
 * @param procedural sizes and seed of the procedural dataset, or null for the defaults
 * @param text the text encoder for captioned datasets, or null for the built-in hashed encoder
 * @param fetch download behaviour, or null for the defaults
 * @param progress progress bars, or null for none
 * @param threads worker threads for decoding and resizing, or 0 for all processors
 */
public record PrepareOptions(
    Path cache,
    String variant,
    Integer resolution,
    Path from,
    boolean offline,
    boolean force,
    ProceduralConfig procedural,
    TextEncoderSpec text,
    FetchConfig fetch,
    Progress.Factory progress,
    int threads) {

  public PrepareOptions {
    procedural = procedural == null ? ProceduralConfig.defaults() : procedural;
    text = text == null ? TextEncoderSpec.defaults() : text;
    fetch = fetch == null ? FetchConfig.defaults() : fetch;
    progress = progress == null ? Progress.Factory.none() : progress;
    if (resolution != null && resolution < 1) {
      throw new IllegalArgumentException("resolution must be positive");
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0");
    }
  }

  /** All defaults. */
  public static PrepareOptions defaults() {
    return new PrepareOptions(null, null, null, null, false, false, null, null, null, null, 0);
  }

  public PrepareOptions withCache(Path dir) {
    return new PrepareOptions(dir, variant, resolution, from, offline, force, procedural, text, fetch, progress, threads);
  }

  public PrepareOptions withVariant(String v) {
    return new PrepareOptions(cache, v, resolution, from, offline, force, procedural, text, fetch, progress, threads);
  }

  public PrepareOptions withResolution(Integer r) {
    return new PrepareOptions(cache, variant, r, from, offline, force, procedural, text, fetch, progress, threads);
  }

  public PrepareOptions withFrom(Path p) {
    return new PrepareOptions(cache, variant, resolution, p, offline, force, procedural, text, fetch, progress, threads);
  }

  public PrepareOptions withOffline(boolean b) {
    return new PrepareOptions(cache, variant, resolution, from, b, force, procedural, text, fetch, progress, threads);
  }

  public PrepareOptions withForce(boolean b) {
    return new PrepareOptions(cache, variant, resolution, from, offline, b, procedural, text, fetch, progress, threads);
  }

  public PrepareOptions withProcedural(ProceduralConfig c) {
    return new PrepareOptions(cache, variant, resolution, from, offline, force, c, text, fetch, progress, threads);
  }

  public PrepareOptions withText(TextEncoderSpec t) {
    return new PrepareOptions(cache, variant, resolution, from, offline, force, procedural, t, fetch, progress, threads);
  }

  public PrepareOptions withFetch(FetchConfig f) {
    return new PrepareOptions(cache, variant, resolution, from, offline, force, procedural, text, f, progress, threads);
  }

  public PrepareOptions withProgress(Progress.Factory p) {
    return new PrepareOptions(cache, variant, resolution, from, offline, force, procedural, text, fetch, p, threads);
  }

  public PrepareOptions withThreads(int n) {
    return new PrepareOptions(cache, variant, resolution, from, offline, force, procedural, text, fetch, progress, n);
  }

  /** Worker threads to use. */
  public int effectiveThreads() {
    return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }
}
