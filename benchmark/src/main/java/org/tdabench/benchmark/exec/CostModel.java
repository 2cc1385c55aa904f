package org.tdabench.benchmark.exec;

/** Models the cost of jobs, to size cluster requests and plans ({@link SlurmScripts}, dry runs). */
@FunctionalInterface
public interface CostModel {
  JobCost of(Job job);

  /** Every job costs nothing measurable: requests fall back to their floors. */
  CostModel NONE = j -> JobCost.NEGLIGIBLE;
}
