package org.tdabench.benchmark.store;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.tdabench.core.Hashing;

/**
 * Everything that determines an artifact: its kind, the component that produces it and that
 * component's version, the configuration, the seeds and the hashes of the artifacts it reads. The
 * artifact's key is the SHA-256 of the recipe's canonical JSON ({@link Json#canonical}: keys sorted
 * at every level), so two runs that would compute the same thing find the same artifact, and changing
 * any ingredient (or bumping the component version after a behaviour change) makes a new one.
 *
 * <p>Values in {@code config} and {@code seeds} are JSON values: strings, numbers, booleans, lists
 * and maps (or records, which are converted to maps).
 *
 * @param kind artifact kind, also the store folder: lower-case letters, digits and '-'
 * @param component the producing component, e.g. "models.trainer"
 * @param version the component's behaviour version; bump it when the output would change
 * @param config configuration values
 * @param seeds seed-tree paths or values used
 * @param inputs role -> hash of each input artifact
 */
public record Recipe(String kind, String component, String version, Map<String, Object> config,
    Map<String, Object> seeds, Map<String, String> inputs) {

  private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9-]*");

  public Recipe {
    if (kind == null || !KIND.matcher(kind).matches()) {
      throw new IllegalArgumentException("artifact kind must match [a-z0-9][a-z0-9-]*: '" + kind + "'");
    }
    if (component == null || component.isBlank() || version == null || version.isBlank()) {
      throw new IllegalArgumentException("a recipe needs a component and a version");
    }
    config = Collections.unmodifiableMap(new TreeMap<>(config));
    seeds = Collections.unmodifiableMap(new TreeMap<>(seeds));
    inputs = Collections.unmodifiableMap(new TreeMap<>(inputs));
  }

  /** A recipe with nothing but its identity; add ingredients with the {@code with*} methods. */
  public static Recipe of(String kind, String component, String version) {
    return new Recipe(kind, component, version, Map.of(), Map.of(), Map.of());
  }

  public Recipe withConfig(String key, Object value) {
    return new Recipe(kind, component, version, put(config, key, value), seeds, inputs);
  }

  /** Adds every property of {@code configRecord} (a record or map) under {@code key}. */
  public Recipe withConfigObject(String key, Object configRecord) {
    return withConfig(key, Json.mapper().convertValue(configRecord, Object.class));
  }

  public Recipe withSeed(String key, Object value) {
    return new Recipe(kind, component, version, config, put(seeds, key, value), inputs);
  }

  public Recipe withInput(String role, String artifactHash) {
    return new Recipe(kind, component, version, config, seeds, put(inputs, role, artifactHash));
  }

  /** The canonical JSON the hash is computed from. */
  public String canonicalJson() {
    return Json.canonical(this);
  }

  /** SHA-256 (lower-case hex) of {@link #canonicalJson()}. */
  public String hash() {
    return Hashing.sha256Hex(canonicalJson());
  }

  private static <V> Map<String, V> put(Map<String, V> m, String key, V value) {
    if (key == null || value == null) {
      throw new IllegalArgumentException("recipe entries need a key and a value");
    }
    TreeMap<String, V> copy = new TreeMap<>(m);
    copy.put(key, value);
    return copy;
  }
}
