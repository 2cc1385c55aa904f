package org.tdabench.benchmark.exec;

/** Progress callbacks of an executor (e.g. to drive a progress bar); called from worker threads. */
public interface JobListener {
  JobListener NONE = new JobListener() {};

  default void started(Job job, int worker) {}

  default void finished(Job job, int worker, Throwable failure) {}
}
