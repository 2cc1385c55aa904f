package org.tdabench.benchmark.exec;

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
}
