package org.tdabench.benchmark.exec;

/**
 * What one job is modelled to cost: its arithmetic, its peak memory and what it leaves in the store.
 * A model, not a measurement; {@link Throughput} turns the arithmetic into time.
 *
 * @param gflop floating-point work in GFLOP (2 per multiply-add; see the cost model for what is
 *     counted)
 * @param memoryBytes peak memory of the computation (weights, optimiser state, activations, method
 *     buffers), without the fixed cost of a JVM with TensorFlow loaded
 * @param storageBytes bytes of the artifacts it adds to the store
 */
public record JobCost(double gflop, long memoryBytes, long storageBytes) {
  public JobCost {
    if (gflop < 0 || memoryBytes < 0 || storageBytes < 0) {
      throw new IllegalArgumentException("costs must be >= 0");
    }
  }

  /** Costs of a job that only reads and writes small files. */
  public static final JobCost NEGLIGIBLE = new JobCost(0, 0, 0);
}
