package org.tdabench.benchmark.exec;

import java.util.List;

/**
 * Runs a batch of independent jobs (with dependencies between them) against a shared store. The
 * in-process executor runs them on a worker pool now; a cluster executor submits the same saved job
 * descriptions as job arrays ({@link SlurmScripts}).
 */
public interface Executor {
  /**
   * Saves every job's description to the store, then runs them, dependencies first. A failing job
   * does not stop independent ones; jobs that depend on it are skipped.
   */
  ExecutionReport execute(List<Job> jobs) throws Exception;
}
