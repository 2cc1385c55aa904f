package org.tdabench.benchmark.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tdabench.benchmark.machine.Fingerprint;
import org.tdabench.benchmark.machine.NumericsEnvironment;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.config.ModelPresets;
import org.tdabench.models.graph.Sessions;
import org.tdabench.models.perf.ModelBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tdabench bench model}: training and forward throughput against same-run GEMM. */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = "Training steps/s, images/s, GFLOP/s and forward losses/s of a preset, as ratios to "
        + "the fp32 GEMM throughput measured in the same run; peak memory.")
public final class BenchModelCommand implements Callable<Integer> {
  @Option(names = "--preset", defaultValue = "small", description = "Model preset (default: small).")
  String preset;

  @Option(names = "--threads", description = "TensorFlow intra-op threads (default: all cores).")
  Integer threads;

  @Option(names = "--steps", defaultValue = "30", description = "Timed training steps (default: 30).")
  int steps;

  @Option(names = "--forward", defaultValue = "4096", description = "Timed forward evaluations (default: 4096).")
  int forward;

  @Option(names = "--eval-batch", defaultValue = "256", description = "Forward batch size (default: 256).")
  int evalBatch;

  @Option(names = "--profile", description = "Also trace one training step and list the op types by time.")
  boolean profile;

  @Option(names = "--packing", description = "Also compare packed jobs (one thread each, side by side) with "
      + "sequential jobs (all threads each), as the harness packs independent retrainings.")
  boolean packing;

  @Option(names = "--portable-cost", description = "Also measure the speed cost of portable numerics: training "
      + "steps/s with oneDNN capped at AVX2 against this CPU's native path, each in fresh processes, interleaved.")
  boolean portableCost;

  @Option(names = "--batch", description = "Training batch size (default: the preset's; the paper presets' 128 "
      + "needs a GPU's memory).")
  Integer batch;

  /**
   * Training speed under the portable AVX2 cap against the native path: two fresh processes of each,
   * interleaved (native, capped, native, capped), compared by their mean steps/s.
   */
  private void portableCost(String presetName, int t, Map<String, Object> r) throws Exception {
    List<String> args = List.of("bench", "model", "--preset", presetName, "--threads", Integer.toString(t), "--steps",
        Integer.toString(steps), "--forward", "256");
    double nativeSum = 0;
    double cappedSum = 0;
    for (int i = 0; i < 2; i++) {
      nativeSum += Double.parseDouble(ChildBench.run(Map.of(), args).get("train_steps_per_s"));
      cappedSum += Double.parseDouble(ChildBench.run(Map.of("ONEDNN_MAX_CPU_ISA", NumericsEnvironment.PORTABLE_ISA,
          NumericsEnvironment.PORTABLE_SWITCH, "1"), args).get("train_steps_per_s"));
    }
    double ratio = cappedSum / nativeSum;
    System.out.printf(Locale.ROOT, "portable numerics:      %.2f steps/s capped at AVX2 vs %.2f native (x%.2f, "
        + "2 fresh processes each)%n", cappedSum / 2, nativeSum / 2, ratio);
    r.put("portable_steps_per_s", cappedSum / 2);
    r.put("native_steps_per_s", nativeSum / 2);
    r.put("portable_speed_ratio", ratio);
  }

  @Override
  public Integer call() throws Exception {
    ModelPreset p = ModelPresets.get(preset);
    if (batch != null) {
      if (batch < 1) {
        throw new org.tdabench.core.UserError("--batch must be >= 1");
      }
      p = p.withTrain(p.train().withBatchSize(batch));
    }
    int t = threads == null ? Sessions.defaultThreads() : threads;
    if (steps < 1 || forward < 1 || evalBatch < 1 || t < 1) {
      throw new org.tdabench.core.UserError("--steps, --forward, --eval-batch and --threads must be >= 1");
    }
    Map<String, Long> ops = profile ? new java.util.HashMap<>() : null;
    Map<String, Object> r = ModelBenchmark.run(p, t, steps, forward, evalBatch, ops);
    if (ops != null) {
      long total = ops.values().stream().mapToLong(Long::longValue).sum();
      System.out.println("traced training step, op types by summed time (" + total / 1000 + " ms over all threads):");
      ops.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(20)
          .forEach(e -> System.out.printf(Locale.ROOT, "  %-28s %8.1f ms  %5.1f%%%n", e.getKey(), e.getValue() / 1000.0,
              100.0 * e.getValue() / total));
    }
    System.out.printf(Locale.ROOT, "preset %s: %d parameters, batch %d, %d threads%n", p.name(),
        (Long) r.get("params"), p.train().batchSize(), t);
    System.out.printf(Locale.ROOT, "fp32 GEMM (same run):   %8.1f GFLOP/s%n", (Double) r.get("gemm_gflops"));
    System.out.printf(Locale.ROOT, "training:               %8.2f steps/s  %8.1f images/s  %8.1f GFLOP/s  (%.2f of GEMM)%n",
        (Double) r.get("train_steps_per_s"), (Double) r.get("train_images_per_s"),
        (Double) r.get("train_gflops"), (Double) r.get("train_gemm_ratio"));
    System.out.printf(Locale.ROOT, "forward (losses):       %8.1f losses/s            %8.1f GFLOP/s  (%.2f of GEMM)%n",
        (Double) r.get("forward_losses_per_s"), (Double) r.get("forward_gflops"),
        (Double) r.get("forward_gemm_ratio"));
    System.out.printf(Locale.ROOT, "peak memory:            %8.0f MiB resident, %.0f MiB heap%n",
        (Double) r.get("peak_rss_mib"), (Double) r.get("peak_heap_mib"));
    if (packing) {
      Map<String, Object> pk = org.tdabench.models.perf.PackingBenchmark.run(p, t, Math.max(5, steps / 2));
      System.out.printf(Locale.ROOT, "packing:                %d jobs x %d steps: sequential (%d threads each) %.1f s, "
          + "packed (1 thread each) %.1f s, speed-up %.2f%n", (Integer) pk.get("jobs"), (Integer) pk.get("steps_per_job"), t,
          (Double) pk.get("sequential_s"), (Double) pk.get("packed_s"), (Double) pk.get("packed_speedup"));
      r.put("packed_speedup", pk.get("packed_speedup"));
    }
    if (portableCost) {
      portableCost(p.name(), t, r);
    }
    Fingerprint f = Fingerprint.current();
    r.put("fingerprint", f.hash());
    r.put("isa_cap", NumericsEnvironment.current().isaCap().orElse("none"));
    System.out.println(KeyValueLine.format(r));
    return 0;
  }
}
