package org.tdabench.models.perf;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.ProbeSet;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.nn.DitEdmParams;
import org.tdabench.models.train.FleetGraph;

/**
 * Measures a preset's training and forward-only throughput against the fp32 GEMM throughput of
 * the same run and thread count (ratios are what to compare across machines or runs; the absolute
 * numbers move with the machine's load).
 */
public final class ModelBenchmark {
  private ModelBenchmark() {}

  /**
   * @param trainSteps timed training steps (after 3 warm-up steps)
   * @param forwardImages timed forward (per-sample loss) evaluations
   */
  public static Map<String, Object> run(ModelPreset preset, int threads, int trainSteps, int forwardImages,
      int evalBatch) {
    return run(preset, threads, trainSteps, forwardImages, evalBatch, null);
  }

  /**
   * As {@link #run(ModelPreset, int, int, int, int)}; with {@code profile} non-null, one extra traced
   * training step adds its op-type -> microseconds totals to {@code profile}.
   */
  public static Map<String, Object> run(ModelPreset preset, int threads, int trainSteps, int forwardImages,
      int evalBatch, Map<String, Long> profile) {
    ModelSpec spec = preset.spec();
    int b = preset.train().batchSize();
    int d = spec.imageSize();
    int cd = spec.condDim();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("preset", preset.name());
    out.put("params", DitEdmParams.of(spec.arch()).count());
    out.put("threads", threads);
    out.put("batch", b);
    double gemm = GemmReference.gflops(1024, threads, 5);
    out.put("gemm_gflops", gemm);

    ModelWeights init = ModelWeights.initial(DitEdmParams.of(spec.arch()), SeedTree.root(0));
    CounterRng r = new CounterRng(3);
    float[] x = new float[b * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (2 * r.nextDouble() - 1);
    }
    float[] y = new float[b * Math.max(cd, 1)];
    for (int i = 0; i < b && cd > 0; i++) {
      y[i * cd + (i % cd)] = 1;
    }
    int[] flags = new int[b];
    // Training runs as a fleet of one (the graph every training uses).
    try (FleetGraph g = new FleetGraph(spec, preset.train(), threads, 1, 1)) {
      g.start(0, init.tensors());
      for (int s = 0; s < 3; s++) {
        g.step(feed(x, y, flags, s, cd));
      }
      long t0 = System.nanoTime();
      for (int s = 0; s < trainSteps; s++) {
        g.step(feed(x, y, flags, s + 3, cd));
      }
      double sec = (System.nanoTime() - t0) / 1e9;
      if (profile != null) {
        g.step(feed(x, y, flags, 99, cd), (op, us) -> profile.merge(op, us, Long::sum));
      }
      double stepsPerSec = trainSteps / sec;
      double gf = FlopCounter.trainStep(spec.arch(), b) * stepsPerSec / 1e9;
      out.put("train_steps_per_s", stepsPerSec);
      out.put("train_images_per_s", stepsPerSec * b);
      out.put("train_gflops", gf);
      out.put("train_gemm_ratio", gf / gemm);
    }

    try (DitEdmModel m = DitEdmModel.of(spec, init, threads).withEvalBatch(evalBatch)) {
      int k = Math.max(1, Math.min(forwardImages, evalBatch));
      int n = Math.max(1, forwardImages / k);
      float[] xs = new float[n * d];
      System.arraycopy(x, 0, xs, 0, Math.min(x.length, xs.length));
      float[] ys = cd > 0 ? new float[n * cd] : null;
      ProbeSet probes = ProbeSet.mucs(k, 0.7, spec.sampler(), d, SeedTree.root(0).child("bench"));
      int warm = Math.min(n, 2);
      m.probeLosses(java.util.Arrays.copyOf(xs, warm * d), ys == null ? null : java.util.Arrays.copyOf(ys, warm * cd),
          warm, probes); // warm-up and graph build
      long t0 = System.nanoTime();
      m.probeLosses(xs, ys, n, probes);
      double sec = (System.nanoTime() - t0) / 1e9;
      double perSec = (double) n * k / sec;
      double gf = FlopCounter.forwardPerImage(spec.arch()) * perSec / 1e9;
      out.put("forward_losses_per_s", perSec);
      out.put("forward_gflops", gf);
      out.put("forward_gemm_ratio", gf / gemm);
    }
    out.put("peak_rss_mib", PeakMemory.residentPeakMiB());
    out.put("peak_heap_mib", PeakMemory.heapPeakMiB());
    return out;
  }

  /** One model's step inputs at learning rate 1e-4 (the AdamW terms of step 1). */
  static FleetGraph.StepFeed feed(float[] x, float[] y, int[] flags, long step, int cd) {
    return new FleetGraph.StepFeed(x, cd > 0 ? y : null, flags, new long[] {1, step}, new float[] {1e-4f},
        new float[] {1e-6f}, new float[] {0.9f}, new float[] {0.999f}, new float[] {3e-10f}, new boolean[] {true});
  }
}
