package org.tdabench.benchmark.exec;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.tdabench.benchmark.store.Json;
import org.tdabench.core.Hashing;

/**
 * One independent unit of work (a retraining, a generation, one method's attribution; it may produce
 * several artifacts), described completely by data so that any process with the store can run it: in
 * this JVM, or on a cluster node as {@code java -jar tdabench.jar job <id> --store <store>}. Jobs are
 * idempotent: runners compute through the artifact store, so running a finished job again only finds
 * its artifacts.
 *
 * <p>Jobs of a run are {@linkplain #addressed content-addressed}: the id ends with a short hash of the
 * kind and the recipe, so any number of runs (presets, seeds, method sets) share one store and one id
 * always names the same work. A recipe therefore holds no paths: where the store is comes from the
 * process that runs the job.
 *
 * @param id unique, file- and shell-safe: letters, digits, '.', '_', '-'
 * @param kind selects the {@link JobRunner}
 * @param recipe the runner's parameters (JSON values)
 * @param dependsOn ids of jobs that must have succeeded first
 */
public record Job(String id, String kind, Map<String, Object> recipe, List<String> dependsOn) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

  public Job {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("job id must be letters, digits, '.', '_' or '-': '" + id + "'");
    }
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("job " + id + " has no kind");
    }
    recipe = Collections.unmodifiableMap(new TreeMap<>(recipe));
    dependsOn = List.copyOf(dependsOn);
    if (dependsOn.contains(id)) {
      throw new IllegalArgumentException("job " + id + " depends on itself");
    }
  }

  /** Hex digits of the recipe hash in an {@linkplain #addressed addressed} id (48 bits). */
  public static final int HASH_CHARS = 12;

  /**
   * A job without dependencies whose id is {@code <label>-<hash>}: the label made shell-safe (other
   * characters become '_') for people, the first {@value #HASH_CHARS} hex digits of the SHA-256 of
   * the canonical kind and recipe for uniqueness, e.g. {@code train-main_seed_0-3f9a1c0b7e2d}.
   */
  public static Job addressed(String label, String kind, Map<String, Object> recipe) {
    String safe = label.replaceAll("[^A-Za-z0-9._-]", "_");
    return of(safe + "-" + contentHash(kind, recipe), kind, recipe);
  }

  /** The short hash {@link #addressed} appends: of the kind and the canonical JSON of the recipe. */
  public static String contentHash(String kind, Map<String, Object> recipe) {
    Map<String, Object> key = new TreeMap<>();
    key.put("kind", kind);
    key.put("recipe", recipe);
    return Hashing.sha256Hex(Json.canonical(key)).substring(0, HASH_CHARS);
  }

  /** True when {@code other} does the same work (same kind and recipe; dependencies aside). */
  public boolean sameWork(Job other) {
    return kind.equals(other.kind) && Json.canonical(recipe).equals(Json.canonical(other.recipe));
  }

  /** A job without dependencies. */
  public static Job of(String id, String kind, Map<String, Object> recipe) {
    return new Job(id, kind, recipe, List.of());
  }

  /** This job, additionally depending on {@code ids}. */
  public Job after(String... ids) {
    List<String> deps = new java.util.ArrayList<>(dependsOn);
    deps.addAll(List.of(ids));
    return new Job(id, kind, recipe, deps);
  }
}
