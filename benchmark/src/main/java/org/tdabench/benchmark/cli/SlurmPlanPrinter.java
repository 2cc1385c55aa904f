package org.tdabench.benchmark.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.tdabench.benchmark.exec.ArrayResources;
import org.tdabench.benchmark.exec.CostTable;
import org.tdabench.benchmark.exec.SlurmScripts;
import org.tdabench.benchmark.exec.TaskSizing;
import org.tdabench.benchmark.exec.Throughput;
import org.tdabench.benchmark.run.RunConfig;
import org.tdabench.benchmark.run.RunCost;

/** What {@code tdabench slurm --dry-run} prints: the job graph per wave, its modelled cost, the arrays. */
final class SlurmPlanPrinter {
  private SlurmPlanPrinter() {}

  static void print(PrintStream out, RunConfig cfg, RunCost costs, List<SlurmScripts.Array> arrays, Throughput tp,
      int gpus) {
    out.printf(Locale.ROOT, "plan of preset %s, dataset %s (%,d training images), seed %d, methods %s: "
        + "model of %,d parameters%n%n", cfg.preset(), cfg.effectiveDataset(), costs.trainSize(), cfg.seed(),
        String.join(",", cfg.methods()), costs.parameters());
    CostTable.of(arrays, costs, tp).print(out);
    out.println();
    out.println("arrays (submitted in this order; each waits for the arrays holding its jobs' dependencies):");
    for (SlurmScripts.Array a : arrays) {
      ArrayResources r = a.resources();
      out.printf(Locale.ROOT, "  %-48s %5d jobs in %5d tasks: %d CPU%s, %s memory, %s%n", a.name(), a.jobs(),
          a.tasks().size(), r.cpus(), r.gpus() > 0 ? ", " + r.gpus() + " GPU" : "", CostTable.bytes(r.memoryMib() << 20),
          TaskSizing.formatTime(r.minutes()));
    }
    org.tdabench.benchmark.exec.Job longest = null;
    double most = -1;
    for (SlurmScripts.Array a : arrays) {
      for (List<org.tdabench.benchmark.exec.Job> task : a.tasks()) {
        for (org.tdabench.benchmark.exec.Job j : task) {
          double sec = gpus > 0 ? tp.gpuSeconds(costs.of(j), gpus) : tp.cpuSeconds(costs.of(j), cfg.threads());
          if (sec > most) {
            most = sec;
            longest = j;
          }
        }
      }
    }
    if (longest != null) {
      out.printf(Locale.ROOT, "longest job: %s (%s), modelled at %.1f hours on these resources; only trainings resume "
          + "where a time limit cut them (from their last epoch), other jobs start over%n", longest.id().substring(0,
              longest.id().length() - org.tdabench.benchmark.exec.Job.HASH_CHARS - 1), longest.kind(), most / 3600);
    }
    out.println();
    out.printf(Locale.ROOT, "Modelled, not measured. Work: FLOPs of every matrix product and convolution (a gradient "
        + "counts 3 forward passes), every training at its full epoch budget (early stopping only shortens it) and "
        + "MUCS at its unlearning-step cap, so the hours are upper bounds. GPU-hours at %.0f TFLOP/s sustained per "
        + "GPU (assumed; --gpu-tflops), CPU core-hours at %.0f GFLOP/s per TensorFlow thread (measured with "
        + "`tdabench bench model`; --cpu-gflops), plus %.0f s start-up per job. Peak memory: fp32 weights, "
        + "gradients, AdamW moments, EMA and activations plus method buffers, without the ~1.5 GiB of a JVM with "
        + "TensorFlow; on GPUs most of it is device memory. Storage: the artifacts each job kind leaves in the "
        + "store. Arrays are sized for %s.%n", tp.gpuTflops(), tp.cpuGflopsPerThread(), tp.startSeconds(),
        gpus > 0 ? gpus + " GPU(s) per task" : cfg.threads() + " CPU thread(s) per task (add --gpus N for GPUs)");
  }
}
