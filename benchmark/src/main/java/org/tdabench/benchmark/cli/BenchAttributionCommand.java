package org.tdabench.benchmark.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.tdabench.core.SeedTree;
import org.tdabench.core.UserError;
import org.tdabench.datasets.Split;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.ImageSet;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.methods.api.Methods;
import org.tdabench.methods.api.ProgressSink;
import org.tdabench.methods.api.Scores;
import org.tdabench.methods.api.Targets;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.ProbeSet;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.config.ModelPresets;
import org.tdabench.models.graph.Sessions;
import org.tdabench.models.nn.DitEdmParams;
import org.tdabench.models.perf.FlopCounter;
import org.tdabench.models.perf.GemmReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tdabench bench attribution}: the speed of an unlearning method (MUCS, AbU) on its own
 * small procedural training set and a model of the given preset (briefly trained, or freshly
 * initialised and perturbed so that its output is not identically zero). Targets are training
 * images, so the ranks of the targets themselves (self-retrieval) come with the figures.
 */
@Command(name = "attribution", mixinStandardHelpOptions = true,
    description = "Scoring-sweep forward passes/s of an unlearning method and their ratio to the same-run "
        + "fp32 GEMM throughput, unlearning speed and seconds per target; the targets' self-retrieval ranks.")
public final class BenchAttributionCommand implements Callable<Integer> {
  /** Bench-sized defaults (the methods' own defaults are the paper's); --method-opt overrides. */
  private static final Map<String, Map<String, String>> QUICK = Map.of(
      "mucs", Map.of("step_cap", "25"),
      "abu", Map.of("unlearn_grad_accum_steps", "10", "fisher_epochs", "1"));

  @Option(names = "--method", required = true, description = "mucs or abu.")
  String method;

  @Option(names = "--preset", defaultValue = "small", description = "Model preset (default: small).")
  String preset;

  @Option(names = "--threads", description = "TensorFlow intra-op threads (default: all cores).")
  Integer threads;

  @Option(names = "--train", defaultValue = "200", description = "Procedural training images (default: 200).")
  int trainSize;

  @Option(names = "--targets", defaultValue = "2", description = "Training images used as targets (default: 2).")
  int targetCount;

  @Option(names = "--train-epochs", defaultValue = "0",
      description = "Epochs of the preset's training before attribution; 0 = fresh weights, perturbed (default: 0).")
  int trainEpochs;

  @Option(names = "--seed", defaultValue = "0", description = "Root seed (default: 0).")
  long seed;

  @Option(names = "--profile",
      description = "Also trace the sweep's graph runs: time by op type, the matrix products' share and speed.")
  boolean profile;

  @Option(names = "--method-opt", paramLabel = "METHOD.KEY=VALUE",
      description = "Method option, e.g. mucs.num_noises=20 (repeatable).")
  List<String> methodOpts = new ArrayList<>();

  @Override
  public Integer call() {
    AttributionMethod m = Methods.get(method);
    if (!QUICK.containsKey(m.name())) {
      throw new UserError("bench attribution measures the unlearning methods: mucs or abu, not " + method);
    }
    int t = threads == null ? Sessions.defaultThreads() : threads;
    if (trainSize < 2 || targetCount < 1 || targetCount > trainSize || t < 1 || trainEpochs < 0) {
      throw new UserError("need --train >= 2, 1 <= --targets <= --train, --threads >= 1, --train-epochs >= 0");
    }
    ModelPreset p = ModelPresets.get(preset);
    ModelSpec spec = p.spec();
    SeedTree root = SeedTree.root(seed).child("bench/attribution");
    ImageSet train = BenchAttributionSetup.procedural(spec, Split.TRAIN, trainSize, seed);
    ModelWeights weights = BenchAttributionSetup.model(p, train, trainEpochs, seed, root, t);
    int[] rows = new int[targetCount];
    for (int i = 0; i < targetCount; i++) {
      rows[i] = (int) ((long) i * trainSize / targetCount);
    }
    Targets targets = BenchAttributionSetup.selfTargets(train, rows);
    Map<String, String> opts = new TreeMap<>(QUICK.get(m.name()));
    opts.putAll(overrides(m.name()));
    MethodOptions options = new MethodOptions(m.name(), m.options(), opts);

    double gemmBefore = GemmReference.gflops(1024, t, 5);
    Scores s = m.attribute(new AttributionTask(spec, weights, train, targets, options,
        root.child("method").child(m.name()), t, new BenchAttributionSetup.Resources(p.train()), ProgressSink.NONE,
        BenchAttributionSetup.scratch()));
    double gemm = Math.max(gemmBefore, GemmReference.gflops(1024, t, 5));

    Map<String, Object> md = s.metadata();
    long passes = ((Number) md.get("sweep_forward_passes")).longValue();
    double sweepSec = ((Number) md.get("sweep_seconds")).doubleValue();
    double passesPerSec = passes / sweepSec;
    double sweepGflops = FlopCounter.forwardPerImage(spec.arch()) * passesPerSec / 1e9;
    double unlearnSec = ((Number) md.get("unlearn_seconds")).doubleValue();
    double perTarget = 0;
    for (double v : s.perTargetSeconds()) {
      perTarget += v / s.targets();
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("method", m.name());
    r.put("preset", p.name());
    r.put("params", DitEdmParams.of(spec.arch()).count());
    r.put("trainable_params", md.get("trainable_params"));
    r.put("threads", t);
    r.put("train", trainSize);
    r.put("targets", targetCount);
    r.put("train_epochs", trainEpochs);
    r.put("gemm_gflops", gemm);
    r.put("sweep_passes", passes);
    r.put("sweep_passes_per_s", passesPerSec);
    r.put("sweep_gflops", sweepGflops);
    r.put("sweep_gemm_ratio", sweepGflops / gemm);
    int probes = m.name().equals("mucs") ? options.getInt("num_noises") : options.getInt("loss_time_samples");
    Map<String, Long> opMicros = profile ? new TreeMap<>() : null;
    double[] alt = alternating(spec, weights, train, probes, options.getInt("eval_batch"), t, root.child("alternating"),
        opMicros);
    r.put("sweep_best_passes_per_s", alt[0]);
    r.put("sweep_best_gemm_gflops", alt[2]);
    r.put("sweep_best_gemm_ratio", alt[1] / alt[2]);
    System.out.printf(Locale.ROOT,
        "%s on preset %s: %d parameters (%s trainable), %d training images, %d targets, %d threads%n",
        m.name(), p.name(), (Long) r.get("params"), md.get("trainable_params"), trainSize, targetCount, t);
    System.out.println("options: " + options.values());
    System.out.printf(Locale.ROOT, "fp32 GEMM (same run, best of before/after): %8.1f GFLOP/s%n", gemm);
    System.out.printf(Locale.ROOT,
        "scoring sweep: %d forward passes in %.1f s: %.0f passes/s, %.1f GFLOP/s (%.2f of GEMM)%n",
        passes, sweepSec, passesPerSec, sweepGflops, sweepGflops / gemm);
    System.out.printf(Locale.ROOT,
        "sweep, best of 5 chunks alternating with GEMM: %.0f passes/s, %.1f GFLOP/s vs GEMM %.1f"
        + " (%.2f of GEMM)%n", alt[0], alt[1], alt[2], alt[1] / alt[2]);
    if (m.name().equals("mucs")) {
      long evals = ((Number) md.get("unlearn_evaluations_total")).longValue();
      int batch = ((Number) ((Map<?, ?>) md.get("options")).get("batch_size")).intValue();
      double stepsPerSec = evals / unlearnSec;
      r.put("unlearn_steps_per_s", stepsPerSec);
      r.put("unlearn_images_per_s", stepsPerSec * 2 * batch);
      System.out.printf(Locale.ROOT,
          "unlearning: %d steps (each %d images, forward + backward) in %.1f s: %.2f steps/s;"
          + " steps to stop %s (%s); L_null %.4f (analytic %.4f)%n", evals, 2 * batch, unlearnSec, stepsPerSec,
          md.get("steps_to_stop"), md.get("stopped_by"), md.get("loss_null"), md.get("loss_null_analytic"));
    } else {
      long draws = ((Number) md.get("unlearn_draws_total")).longValue();
      r.put("unlearn_draws_per_s", draws / unlearnSec);
      r.put("fisher_seconds", md.get("fisher_seconds"));
      System.out.printf(Locale.ROOT, "unlearning: %d target draws (forward + backward) in %.1f s: %.0f draws/s;"
          + " Fisher %.1f s; relative update %s%n", draws, unlearnSec, draws / unlearnSec,
          ((Number) md.get("fisher_seconds")).doubleValue(), md.get("update_relative_norm"));
    }
    if (opMicros != null) {
      printProfile(spec, opMicros, gemm, r);
    }
    r.put("seconds_per_target", perTarget);
    r.put("shared_seconds", s.sharedSeconds());
    r.put("amortised_seconds_per_target", s.amortisedSecondsPerTarget());
    StringBuilder ranks = new StringBuilder();
    double rankSum = 0;
    for (int i = 0; i < rows.length; i++) {
      int rank = rank(s, i, rows[i]);
      rankSum += rank;
      ranks.append(i == 0 ? "" : ",").append(rank);
    }
    r.put("self_ranks", ranks.toString());
    r.put("self_rank_mean", rankSum / rows.length);
    System.out.printf(Locale.ROOT, "per target: %.1f s (shared %.1f s; amortised %.1f s per target)%n", perTarget,
        s.sharedSeconds(), s.amortisedSecondsPerTarget());
    System.out.printf(Locale.ROOT, "self-retrieval: each target's own rank among %d: %s%n", trainSize, ranks);
    r.put("fingerprint", org.tdabench.benchmark.machine.Fingerprint.current().hash());
    System.out.println(KeyValueLine.format(r));
    return 0;
  }

  private Map<String, String> overrides(String name) {
    Map<String, String> out = new HashMap<>();
    for (String o : methodOpts) {
      int dot = o.indexOf('.');
      int eq = o.indexOf('=');
      if (dot < 1 || eq < dot + 2) {
        throw new UserError("--method-opt '" + o + "' must look like " + name + ".option=value");
      }
      if (o.substring(0, dot).equals(name)) {
        out.put(o.substring(dot + 1, eq), o.substring(eq + 1));
      }
    }
    return out;
  }

  private static final String PROFILED_PASSES = " passes";

  /** Op types whose time is the matrix products {@link FlopCounter} counts. */
  private static boolean product(String type) {
    return type.contains("MatMul") || type.contains("Conv2D") || type.equals("Einsum");
  }

  /**
   * The traced sweep by op type: the products' share of the time and their GFLOP/s against GEMM, and
   * what the sweep would gain if everything but the products took no time (the most any batching of
   * targets could give while the products keep their shapes).
   */
  private static void printProfile(ModelSpec spec, Map<String, Long> opMicros, double gemm, Map<String, Object> r) {
    long passes = opMicros.remove(PROFILED_PASSES);
    long total = opMicros.values().stream().mapToLong(Long::longValue).sum();
    long products = opMicros.entrySet().stream().filter(e -> product(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    double productGflops = FlopCounter.forwardPerImage(spec.arch()) * passes / (products / 1e6) / 1e9;
    System.out.printf(Locale.ROOT, "profile of the sweep (%d forward passes, traced): %.1f ms by op type%n", passes,
        total / 1e3);
    opMicros.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(10)
        .forEach(e -> System.out.printf(Locale.ROOT, "  %-24s %5.1f %%%n", e.getKey(), 100.0 * e.getValue() / total));
    System.out.printf(Locale.ROOT, "matrix products: %.1f %% of the time at %.1f GFLOP/s (%.2f of GEMM); the sweep with"
        + " everything else free would be %.2fx faster%n", 100.0 * products / total, productGflops,
        productGflops / gemm, (double) total / products);
    r.put("profile_product_share", (double) products / total);
    r.put("profile_product_gemm_ratio", productGflops / gemm);
    r.put("profile_products_only_speedup", (double) total / products);
  }

  /** Images other than {@code col} scoring at least as high (ties count against the target). */
  private static int rank(Scores s, int row, int col) {
    float v = s.get(row, col);
    int rank = 0;
    for (int i = 0; i < s.train(); i++) {
      if (i != col && s.get(row, i) >= v) {
        rank++;
      }
    }
    return rank;
  }

  /**
   * The sweep's speed measured in short chunks alternating with the GEMM reference, best of each:
   * on a shared machine a long sweep averages over other processes' load while a short GEMM run
   * may not, so this ratio is the fairer of the two. Same function, probes and batch as the method.
   */
  private static double[] alternating(ModelSpec spec, ModelWeights w, ImageSet train, int probes, int evalBatch,
      int threads, SeedTree seeds, Map<String, Long> opMicros) {
    int n = Math.min(train.size(), Math.max(1, (4000 + probes - 1) / probes));
    float[] x = new float[n * spec.imageSize()];
    float[] y = spec.condDim() == 0 ? null : new float[n * spec.condDim()];
    train.images(0, n, x);
    if (y != null) {
      train.conds(0, n, y);
    }
    ProbeSet ps = ProbeSet.mucs(probes, 1.0, spec.sampler(), spec.imageSize(), seeds);
    double best = Double.MAX_VALUE;
    double gemm = 0;
    try (DitEdmModel m = DitEdmModel.of(spec, w, threads).withEvalBatch(evalBatch)) {
      m.probeLosses(x, y, n, ps); // builds the function
      for (int rep = 0; rep < 5; rep++) {
        gemm = Math.max(gemm, GemmReference.gflops(1024, threads, 3));
        long t0 = System.nanoTime();
        m.probeLosses(x, y, n, ps);
        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
      }
      if (opMicros != null) {
        opMicros.putAll(m.profileProbeLosses(x, y, n, ps));
        opMicros.put(PROFILED_PASSES, (long) n * probes);
      }
    }
    double passesPerSec = (double) n * probes / best;
    double gflops = FlopCounter.forwardPerImage(spec.arch()) * passesPerSec / 1e9;
    return new double[] {passesPerSec, gflops, gemm};
  }
}
