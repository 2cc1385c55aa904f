package org.tdabench.benchmark.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tdabench.core.UserError;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.config.ModelPresets;
import org.tdabench.models.perf.FleetBenchmark;
import org.tdabench.models.perf.PeakMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tdabench bench fleet}: models trained per hour alone and in fleets, against same-run GEMM. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
    description = "Models trained per hour alone and in fleets of several sizes (one graph trains F models), "
        + "at each thread count: one fleet with all threads, and fleets side by side with one thread each; "
        + "achieved GFLOP/s as a ratio to the fp32 GEMM throughput of the same run, speed-up per core over "
        + "one model at a time, peak resident memory.")
public final class BenchFleetCommand implements Callable<Integer> {
  @Option(names = "--preset", defaultValue = "small", description = "Model preset (default: small).")
  String preset;

  @Option(names = "--sizes", split = ",", defaultValue = "1,2,4,8,16",
      description = "Fleet sizes F (default: 1,2,4,8,16).")
  List<Integer> sizes;

  @Option(names = "--threads", split = ",", defaultValue = "1,2",
      description = "Cores to measure on (default: 1,2).")
  List<Integer> threads;

  @Option(names = "--steps", description = "Timed steps per model (default: the preset's steps per epoch).")
  Integer steps;

  @Option(names = "--profile", description = "Instead: trace one training step of each fleet size and list the "
      + "op types by time per model.")
  boolean profile;

  private int profile(FleetBenchmark bench) {
    Map<String, Object> kv = new LinkedHashMap<>();
    int t = threads.get(0);
    for (int f : sizes) {
      Map<String, Long> ops = bench.profile(f, t);
      long step = ops.remove("(step)");
      long total = ops.values().stream().mapToLong(Long::longValue).sum();
      System.out.printf(Locale.ROOT, "fleet of %d, %d thread(s): step %.1f ms (%.1f ms per model); traced ops %.1f ms "
          + "per model:%n", f, t, step / 1000.0, step / 1000.0 / f, total / 1000.0 / f);
      ops.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(15)
          .forEach(e -> System.out.printf(Locale.ROOT, "  %-24s %8.2f ms/model %5.1f%%%n", e.getKey(),
              e.getValue() / 1000.0 / f, 100.0 * e.getValue() / total));
      kv.put("step_ms_per_model_f" + f, step / 1000.0 / f);
    }
    System.out.println(KeyValueLine.format(kv));
    return 0;
  }

  @Override
  public Integer call() throws Exception {
    ModelPreset p = ModelPresets.get(preset);
    int s = steps == null ? p.train().stepsPerEpoch() : steps;
    if (s < 1 || sizes.isEmpty() || threads.isEmpty() || sizes.stream().anyMatch(f -> f < 1)
        || threads.stream().anyMatch(t -> t < 1)) {
      throw new UserError("--steps, --sizes and --threads must be >= 1");
    }
    FleetBenchmark bench = new FleetBenchmark(p, s);
    if (profile) {
      return profile(bench);
    }
    System.out.printf(Locale.ROOT, "preset %s: batch %d, %d timed steps per model, %d steps per model in full%n",
        p.name(), p.train().batchSize(), s, p.train().maxSteps());
    // Sizes in increasing order, every layout of a size together: tensor memory is pooled, so a
    // row's resident peak is that of the largest fleet measured so far.
    List<FleetBenchmark.Result> rows = new ArrayList<>();
    for (int f : sizes.stream().sorted().distinct().toList()) {
      for (int t : threads) {
        rows.add(bench.measure(f, 1, t));
        if (t > 1 && f % t == 0) {
          rows.add(bench.measure(f, t, 1));
        }
      }
    }
    Map<String, Object> kv = new LinkedHashMap<>();
    kv.put("preset", p.name());
    kv.put("batch", p.train().batchSize());
    kv.put("steps", s);
    Map<Integer, FleetBenchmark.Result> alone = new LinkedHashMap<>();
    for (FleetBenchmark.Result r : rows) {
      if (r.models() == 1) {
        alone.put(r.threads(), r);
      }
    }
    FleetBenchmark.Result base = alone.get(threads.get(0));
    double bestRatio = 0;
    double bestCpuRatio = 0;
    double bestSpeedup = 0;
    double bestSpeedupSameCores = 0;
    for (int t : threads) {
      System.out.printf(Locale.ROOT, "%d core(s):%n  %-22s %6s %11s %9s %9s %8s %8s %8s %8s %8s%n", t, "layout",
          "models", "models/h", "per core", "x alone1", "GFLOP/s", "of GEMM", "CPU-rat", "peakMiB", "estMiB");
      for (FleetBenchmark.Result r : rows) {
        if (r.cores() != t) {
          continue;
        }
        double perCore = r.modelsPerHour() / r.cores();
        double speedup = base == null ? Double.NaN : perCore / base.modelsPerHour();
        FleetBenchmark.Result same = alone.get(t);
        double sameCores = same == null ? Double.NaN : r.modelsPerHour() / same.modelsPerHour();
        String layout = r.fleets() == 1 ? String.format(Locale.ROOT, "fleet of %d, %d thr", r.models(), r.threads())
            : String.format(Locale.ROOT, "%d fleets of %d, 1 thr", r.fleets(), r.models() / r.fleets());
        System.out.printf(Locale.ROOT, "  %-22s %6d %11.1f %9.1f %9.2f %8.1f %8.2f %8.2f %8.0f %8.0f%n", layout,
            r.models(), r.modelsPerHour(), perCore, speedup, r.gflops(), r.gemmRatio(), r.cpuGemmRatio(),
            r.peakRssMiB(), r.estimatedMiB());
        String key = (r.fleets() == 1 ? "f" + r.models() : "f" + r.models() / r.fleets() + "x" + r.fleets()) + "_t" + t;
        kv.put("models_per_hour_" + key, r.modelsPerHour());
        kv.put("gemm_ratio_" + key, r.gemmRatio());
        kv.put("cpu_gemm_ratio_" + key, r.cpuGemmRatio());
        kv.put("peak_rss_mib_" + key, r.peakRssMiB());
        bestRatio = Math.max(bestRatio, r.gemmRatio());
        bestCpuRatio = Math.max(bestCpuRatio, r.cpuGemmRatio());
        bestSpeedup = Math.max(bestSpeedup, speedup);
        if (r.models() > 1) {
          bestSpeedupSameCores = Math.max(bestSpeedupSameCores, sameCores);
        }
      }
      System.out.printf(Locale.ROOT, "  GEMM (same run, %d thread(s), per row): %.1f GFLOP/s wall, %.1f per CPU second%n",
          t, rows.stream().filter(r -> r.cores() == t).mapToDouble(r -> r.gemm().gflops()).average().orElse(0),
          rows.stream().filter(r -> r.cores() == t).mapToDouble(r -> r.gemm().cpuGflops()).average().orElse(0));
    }
    System.out.printf(Locale.ROOT, "best: %.2f of same-run GEMM (%.2f per CPU second); %.2fx the models/hour per core "
        + "of one model at a time on %d thread(s); %.2fx one model at a time on the same cores%n", bestRatio,
        bestCpuRatio, bestSpeedup, threads.get(0), bestSpeedupSameCores);
    kv.put("fleet_gemm_ratio", bestRatio);
    kv.put("fleet_cpu_gemm_ratio", bestCpuRatio);
    kv.put("speedup_per_core", bestSpeedup);
    kv.put("speedup_same_cores", bestSpeedupSameCores);
    kv.put("peak_rss_mib", PeakMemory.residentPeakMiB());
    System.out.println(KeyValueLine.format(kv));
    return 0;
  }
}
