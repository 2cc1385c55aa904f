package org.tdabench.benchmark.exec;

import java.util.List;
import java.util.Map;

/**
 * What happened to a batch of jobs.
 *
 * @param succeeded ids that ran to completion, in completion order
 * @param failed id -> one-line reason, for jobs whose runner threw
 * @param skipped ids not run because a dependency failed
 */
public record ExecutionReport(List<String> succeeded, Map<String, String> failed, List<String> skipped) {

  /** True when every job succeeded. */
  public boolean ok() {
    return failed.isEmpty() && skipped.isEmpty();
  }
}
