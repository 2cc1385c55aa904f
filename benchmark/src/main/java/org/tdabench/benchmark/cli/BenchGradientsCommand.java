package org.tdabench.benchmark.cli;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tdabench.core.UserError;
import org.tdabench.methods.gradient.GradientBenchmark;
import org.tdabench.models.OutputFunction;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.config.ModelPresets;
import org.tdabench.models.graph.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tdabench bench gradients}: per-sample gradient features, projection and kernel solve. */
@Command(name = "gradients", mixinStandardHelpOptions = true,
    description = "Per-sample gradient features/s on the batched path and on the naive one-backward-per-"
        + "(sample, probe) loop in the same run, the chunked Gaussian projection's GFLOP/s, and the kernel "
        + "solve time, on a preset's perturbed fresh model and synthetic images.")
public final class BenchGradientsCommand implements Callable<Integer> {
  @Option(names = "--preset", defaultValue = "small", description = "Model preset (default: small).")
  String preset;

  @Option(names = "--threads", description = "TensorFlow intra-op threads (default: all cores).")
  Integer threads;

  @Option(names = "--samples", defaultValue = "128", description = "Rows timed on the batched path, projected "
      + "as one chunk (default: 128).")
  int samples;

  @Option(names = "--naive-samples", defaultValue = "8", description = "Rows timed on the naive path (default: 8).")
  int naiveSamples;

  @Option(names = "--probes", defaultValue = "10", description = "K sigmas per row (default: 10, D-TRAK's).")
  int probes;

  @Option(names = "--dim", defaultValue = "4096", description = "Projection dimension k (default: 4096, DAS's; "
      + "D-TRAK uses 32768).")
  int dim;

  @Option(names = "--batch", defaultValue = "8", description = "Rows per backward pass (default: 8).")
  int batch;

  @Option(names = "--output", defaultValue = "SQUARED_OUTPUT", description = "Output function: LOSS, "
      + "SQUARED_OUTPUT (D-TRAK), SQUARED_EPS or MEAN_OUTPUT (default: SQUARED_OUTPUT).")
  String output;

  @Option(names = "--params", defaultValue = "all", description = "Parameters: all, mlp or name substrings "
      + "(default: all).")
  String params;

  @Option(names = "--kernel-train", defaultValue = "400", description = "N of the timed kernel solve (default: "
      + "400, the small benchmark's training set).")
  int kernelTrain;

  @Option(names = "--kernel-targets", defaultValue = "32", description = "T of the timed kernel solve (default: 32).")
  int kernelTargets;

  @Option(names = "--in-graph", description = "Also time one batch of the in-graph projection, which "
      + "regenerates P per batch (slow; otherwise derived from the measured parts).")
  boolean inGraph;

  @Override
  public Integer call() {
    ModelPreset p = ModelPresets.get(preset);
    int t = threads == null ? Sessions.defaultThreads() : threads;
    if (t < 1 || samples < 1 || naiveSamples < 1 || naiveSamples > samples || probes < 1 || dim < 1 || batch < 1
        || kernelTrain < 1 || kernelTargets < 1) {
      throw new UserError("--threads, --samples, --probes, --dim, --batch and --kernel-* must be >= 1, and "
          + "--naive-samples between 1 and --samples");
    }
    OutputFunction out;
    try {
      out = OutputFunction.valueOf(output.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserError("--output must be LOSS, SQUARED_OUTPUT, SQUARED_EPS or MEAN_OUTPUT, got '" + output + "'");
    }
    Map<String, Object> r = new GradientBenchmark(t, samples, naiveSamples, probes, dim, batch, out, params,
        kernelTrain, kernelTargets, inGraph).run(p);
    System.out.printf(Locale.ROOT, "preset %s: %d parameters differentiated, K=%d probes per row, k=%d, batch %d, "
        + "%d threads, output %s%n", p.name(), (Long) r.get("params"), probes, dim, batch, t, out);
    System.out.printf(Locale.ROOT, "fp32 GEMM (same run):        %9.1f GFLOP/s%n", (Double) r.get("gemm_gflops"));
    System.out.printf(Locale.ROOT, "gradient features, batched:  %9.2f rows/s%n", (Double) r.get("batched_features_per_s"));
    System.out.printf(Locale.ROOT, "gradient features, naive:    %9.2f rows/s   (one backward pass per sample and "
        + "probe; max rel. difference %.1e)%n", (Double) r.get("naive_features_per_s"),
        (Double) r.get("batched_naive_max_rel_diff"));
    System.out.printf(Locale.ROOT, "batched / naive:             %9.2f x%n", (Double) r.get("batched_vs_naive"));
    System.out.printf(Locale.ROOT, "chunked projection:          %9.1f GFLOP/s  (%d rows per chunk, generating P is "
        + "%.0f%% of it, %.1f s per chunk)%n", (Double) r.get("projection_gflops"), samples,
        100 * (Double) r.get("projection_generation_share"), (Double) r.get("projection_seconds_per_chunk"));
    System.out.printf(Locale.ROOT, "projected features:          %9.2f rows/s batched + chunked; %.3f rows/s in-graph "
        + "per batch (%s); %.4f rows/s naive with one projection per sample (derived)%n",
        (Double) r.get("projected_features_per_s"), (Double) r.get("in_graph_projected_features_per_s"),
        (Boolean) r.get("in_graph_measured") ? "measured" : "derived",
        (Double) r.get("naive_projected_features_per_s_derived"));
    System.out.printf(Locale.ROOT, "kernel solve (%s, N=%d, T=%d): Gram %.2f s, one ridge %.2f s, %d ridges %.2f s%n",
        r.get("kernel_form"), (Integer) r.get("kernel_train"), (Integer) r.get("kernel_targets"),
        (Double) r.get("kernel_gram_seconds"), (Double) r.get("kernel_solve_seconds"),
        (Integer) r.get("kernel_grid_size"), (Double) r.get("kernel_grid_seconds"));
    System.out.printf(Locale.ROOT, "peak memory:                 %9.0f MiB resident, %.0f MiB heap%n",
        (Double) r.get("peak_rss_mib"), (Double) r.get("peak_heap_mib"));
    r.put("fingerprint", org.tdabench.benchmark.machine.Fingerprint.current().hash());
    System.out.println(KeyValueLine.format(r));
    return 0;
  }
}
