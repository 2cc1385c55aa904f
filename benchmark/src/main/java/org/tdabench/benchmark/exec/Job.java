package org.tdabench.benchmark.exec;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One independent unit of work (a retraining, a generation, one method's attribution), described
 * completely by data so that any process with the store can run it: in this JVM, or on a cluster node
 * as {@code java -jar tdabench.jar job <id> --cache <store>}. Jobs are idempotent: runners compute
 * through the artifact store, so running a finished job again only finds its artifacts.
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
