package org.tdabench.benchmark.exec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Start order for a bounded pool of workers: each job's <em>bottom level</em>, its own modelled cost
 * plus the costliest chain of jobs that wait for it (list scheduling by critical path, as in HEFT's
 * upward rank). Starting the job with the longest chain behind it first keeps a long dependency chain
 * (main model, targets, an expensive method's attribution, its ablation retrainings) from ending
 * the run alone on one core while short independent jobs fill the other workers; the many
 * independent jobs fill the gaps. Ties keep the input order. The order changes no result: every job
 * computes the same artifacts whenever it runs.
 */
public final class CriticalPath {
  /** Every job costs at least this (GFLOP-equivalents): a job of modelled cost 0 still takes time. */
  static final double FLOOR_GFLOP = 1.0;

  private final Map<String, Double> level = new HashMap<>();
  private final Map<String, Integer> position = new HashMap<>();

  /** Bottom levels of {@code graph}'s jobs under {@code costs}. */
  public CriticalPath(JobGraph graph, CostModel costs) {
    List<Job> jobs = graph.jobs();
    Map<String, List<String>> dependents = new HashMap<>();
    for (int i = 0; i < jobs.size(); i++) {
      Job j = jobs.get(i);
      position.put(j.id(), i);
      for (String d : j.dependsOn()) {
        dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(j.id());
      }
    }
    // Waves in reverse: every dependent of a job lies in a later wave, so its level is known.
    List<List<Job>> waves = graph.waves();
    for (int w = waves.size() - 1; w >= 0; w--) {
      for (Job j : waves.get(w)) {
        double below = 0;
        for (String d : dependents.getOrDefault(j.id(), List.of())) {
          below = Math.max(below, level.get(d));
        }
        level.put(j.id(), own(costs, j) + below);
      }
    }
  }

  private static double own(CostModel costs, Job j) {
    return FLOOR_GFLOP + costs.of(j).gflop();
  }

  /** The job's own cost plus its costliest chain of dependents (GFLOP-equivalents). */
  public double level(String id) {
    Double l = level.get(id);
    if (l == null) {
      throw new IllegalArgumentException("unknown job '" + id + "'");
    }
    return l;
  }

  /** Highest bottom level first, then input order. */
  public Comparator<Job> order() {
    return Comparator.comparingDouble((Job j) -> -level(j.id())).thenComparingInt(j -> position.get(j.id()));
  }
}
