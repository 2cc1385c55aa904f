package org.tdabench.benchmark.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated set of jobs: unique ids, every dependency inside the set, no cycles. {@link #waves()}
 * groups jobs by dependency depth (wave 0 has no dependencies; a job's wave is one more than its
 * deepest dependency's), which is how a cluster executor submits them as job arrays.
 */
public final class JobGraph {
  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private final List<List<Job>> waves;

  public JobGraph(List<Job> jobList) {
    for (Job j : jobList) {
      if (jobs.put(j.id(), j) != null) {
        throw new IllegalArgumentException("duplicate job id '" + j.id() + "'");
      }
    }
    for (Job j : jobList) {
      for (String d : j.dependsOn()) {
        if (!jobs.containsKey(d)) {
          throw new IllegalArgumentException("job " + j.id() + " depends on unknown job '" + d + "'");
        }
      }
    }
    Map<String, Integer> depth = new HashMap<>();
    for (Job j : jobList) {
      depthOf(j.id(), depth, new ArrayList<>());
    }
    int max = depth.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
    List<List<Job>> w = new ArrayList<>();
    for (int i = 0; i <= max; i++) {
      w.add(new ArrayList<>());
    }
    for (Job j : jobList) {
      w.get(depth.get(j.id())).add(j);
    }
    this.waves = w.stream().map(List::copyOf).toList();
  }

  private int depthOf(String id, Map<String, Integer> depth, List<String> path) {
    Integer known = depth.get(id);
    if (known != null) {
      return known;
    }
    if (path.contains(id)) {
      path.add(id);
      throw new IllegalArgumentException("job dependencies form a cycle: " + String.join(" -> ",
          path.subList(path.indexOf(id), path.size())));
    }
    path.add(id);
    int d = 0;
    for (String dep : jobs.get(id).dependsOn()) {
      d = Math.max(d, depthOf(dep, depth, path) + 1);
    }
    path.remove(path.size() - 1);
    depth.put(id, d);
    return d;
  }

  /** The jobs in input order. */
  public List<Job> jobs() {
    return List.copyOf(jobs.values());
  }

  public Job get(String id) {
    return jobs.get(id);
  }

  /** Jobs grouped by dependency depth, input order within a wave. */
  public List<List<Job>> waves() {
    return waves;
  }
}
