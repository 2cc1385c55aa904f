package org.tdabench.benchmark.exec;

/**
 * Turns modelled GFLOP into seconds: sustained throughput per CPU thread and per GPU, plus a fixed
 * start-up cost per job (JVM, TensorFlow, graph building). The defaults are stated where they come
 * from; pass figures measured with {@code tdabench bench model} on the target machines instead.
 *
 * @param cpuGflopsPerThread sustained GFLOP/s of one TensorFlow thread on the model's training step
 * @param gpuTflops sustained TFLOP/s of one GPU on the same
 * @param startSeconds per job: loading TensorFlow, building and compiling graphs, reading weights
 */
public record Throughput(double cpuGflopsPerThread, double gpuTflops, double startSeconds) {
  public Throughput {
    if (!(cpuGflopsPerThread > 0) || !(gpuTflops > 0) || startSeconds < 0) {
      throw new IllegalArgumentException("throughputs must be > 0 and the start-up cost >= 0");
    }
  }

  /** Seconds of {@code cost} on {@code threads} CPU threads (linear in threads: an upper bound on speed). */
  public double cpuSeconds(JobCost cost, int threads) {
    return startSeconds + cost.gflop() / (cpuGflopsPerThread * threads);
  }

  /** Seconds of {@code cost} on {@code gpus} GPUs (work spread evenly). */
  public double gpuSeconds(JobCost cost, int gpus) {
    return startSeconds + cost.gflop() / (gpuTflops * 1000 * gpus);
  }
}
