package org.tdabench.benchmark.exec;

/**
 * What one job array asks Slurm for, per task.
 *
 * @param cpus CPUs (the jobs' TensorFlow thread count)
 * @param gpus GPUs (0: none)
 * @param memoryMib memory in MiB
 * @param minutes time limit in minutes
 * @param modelledSeconds the longest task's modelled time (the limit has a margin over it)
 */
public record ArrayResources(int cpus, int gpus, long memoryMib, long minutes, double modelledSeconds) {

  /** The JVM heap of a task: half its memory, at least 512 MiB (TensorFlow allocates outside the heap). */
  public long heapMib() {
    return Math.max(512, memoryMib / 2);
  }
}
