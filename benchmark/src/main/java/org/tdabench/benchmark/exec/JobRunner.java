package org.tdabench.benchmark.exec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs jobs of one kind. Implementations are found by {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/org.tdabench.benchmark.exec.JobRunner}) so that a cluster node running
 * {@code tdabench job <id>} finds the same runners as the process that planned the jobs.
 */
public interface JobRunner {
  /** The {@link Job#kind()} this runner handles. */
  String kind();

  /** Runs one job; must be idempotent (compute through the store, reuse what exists). */
  void run(Job job, JobContext context) throws Exception;

  /**
   * Jobs with equal non-null keys can run together in one {@link #runFleet} call (e.g. trainings of
   * one architecture and training config, batched into one graph). Null: this job runs alone.
   */
  default String fleetKey(Job job) {
    return null;
  }

  /**
   * Runs jobs of one {@link #fleetKey} together; a job's results must not depend on which jobs
   * share its call. Returns the failure of each job that failed (the others' results are kept);
   * by default runs them one after another.
   */
  default Map<String, Exception> runFleet(List<Job> jobs, JobContext context) {
    Map<String, Exception> failed = new LinkedHashMap<>();
    for (Job j : jobs) {
      try {
        run(j, context);
      } catch (Exception e) {
        failed.put(j.id(), e);
      }
    }
    return failed;
  }
}
