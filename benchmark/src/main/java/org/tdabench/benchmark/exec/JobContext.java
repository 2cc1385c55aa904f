package org.tdabench.benchmark.exec;

import org.tdabench.benchmark.store.ArtifactStore;

/**
 * What a running job gets besides its description.
 *
 * @param store the shared artifact store
 * @param threadsPerJob the compute threads this job may use; for TensorFlow, its intra-op thread
 *     count (independent retrainings are packed one thread per core: two 1-thread processes beat one
 *     2-thread process; see {@code tdabench bench model --packing})
 * @param worker the index of the worker slot running the job (0-based; 0 on a cluster node)
 */
public record JobContext(ArtifactStore store, int threadsPerJob, int worker) {
  public JobContext {
    if (threadsPerJob < 1) {
      throw new IllegalArgumentException("threadsPerJob must be >= 1: " + threadsPerJob);
    }
  }
}
