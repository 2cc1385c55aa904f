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
import org.tdabench.models.perf.GemmReference;
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
    Map<String, Object> kv = new LinkedHashMap<>();
    kv.put("preset", p.name());
    kv.put("batch", p.train().batchSize());
    kv.put("steps", s);
    System.out.printf(Locale.ROOT, "preset %s: batch %d, %d timed steps per model, %d steps per model in full%n",
        p.name(), p.train().batchSize(), s, p.train().maxSteps());
    double alonePerCore = 0;
    double bestRatio = 0;
    double bestSpeedup = 0;
    for (int t : threads) {
      double gemm = GemmReference.gflops(1024, t, 5);
      kv.put("gemm_gflops_t" + t, gemm);
      System.out.printf(Locale.ROOT, "%d core(s): fp32 GEMM (same run) %.1f GFLOP/s%n", t, gemm);
      System.out.printf(Locale.ROOT, "  %-22s %7s %12s %12s %8s %9s %9s%n", "layout", "models", "models/hour",
          "per core", "GFLOP/s", "of GEMM", "peak MiB");
      List<FleetBenchmark.Result> rows = new ArrayList<>();
      for (int f : sizes) {
        rows.add(bench.measure(f, 1, t));
        if (t > 1 && f % t == 0) {
          rows.add(bench.measure(f, t, 1));
        }
      }
      for (FleetBenchmark.Result r : rows) {
        double perCore = r.modelsPerHour() / r.cores();
        double ratio = r.gflops() / gemm;
        if (t == threads.get(0) && r.models() == 1 && r.fleets() == 1) {
          alonePerCore = perCore;
        }
        String layout = r.fleets() == 1 ? String.format(Locale.ROOT, "fleet of %d, %d thr", r.models(), r.threads())
            : String.format(Locale.ROOT, "%d fleets of %d, 1 thr", r.fleets(), r.models() / r.fleets());
        System.out.printf(Locale.ROOT, "  %-22s %7d %12.1f %12.1f %8.1f %9.2f %9.0f%n", layout, r.models(),
            r.modelsPerHour(), perCore, r.gflops(), ratio, r.peakRssMiB());
        String key = (r.fleets() == 1 ? "f" + r.models() : "f" + r.models() / r.fleets() + "x" + r.fleets()) + "_t" + t;
        kv.put("models_per_hour_" + key, r.modelsPerHour());
        kv.put("gemm_ratio_" + key, ratio);
        kv.put("peak_rss_mib_" + key, r.peakRssMiB());
        bestRatio = Math.max(bestRatio, ratio);
        if (alonePerCore > 0) {
          bestSpeedup = Math.max(bestSpeedup, perCore / alonePerCore);
        }
      }
    }
    System.out.printf(Locale.ROOT, "best fleet: %.2f of same-run GEMM, %.2fx the models/hour per core of one model "
        + "at a time on %d thread(s)%n", bestRatio, bestSpeedup, threads.get(0));
    kv.put("fleet_gemm_ratio", bestRatio);
    kv.put("speedup_per_core", bestSpeedup);
    kv.put("peak_rss_mib", PeakMemory.residentPeakMiB());
    System.out.println(KeyValueLine.format(kv));
    return 0;
  }
}
