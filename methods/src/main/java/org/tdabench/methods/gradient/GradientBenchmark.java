package org.tdabench.methods.gradient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.GradientFunction;
import org.tdabench.models.GradientSpec;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.OutputFunction;
import org.tdabench.models.ProbeSet;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.nn.DitEdmParams;
import org.tdabench.models.nn.ParamTable;
import org.tdabench.models.perf.GemmReference;
import org.tdabench.models.perf.PeakMemory;

/**
 * Measures the gradient-feature pipeline on a preset's model (freshly initialised, then every
 * weight perturbed so that the zero-initialised adapters and output layer carry gradient) and
 * synthetic images: per-sample gradient features per second on the batched path and on the naive
 * one-backward-pass-per-(sample, probe) loop in the same run, the chunked projection's GFLOP/s and
 * generation share, and the kernel solve time. Figures move with the machine's load; compare the
 * ratios within one run.
 *
 * @param threads TensorFlow intra-op threads
 * @param samples rows timed on the batched path (and projected as one chunk)
 * @param naiveSamples rows timed on the naive path
 * @param probes K probes per row
 * @param dim k of the projection
 * @param batch rows per backward pass
 * @param output scalar output per probe
 * @param params {@link ParamSelection}
 * @param kernelTrain N of the kernel solve (synthetic features)
 * @param kernelTargets T of the kernel solve
 * @param inGraph also time one batch of the in-graph projection (regenerates P per batch)
 */
public record GradientBenchmark(int threads, int samples, int naiveSamples, int probes, int dim, int batch,
    OutputFunction output, String params, int kernelTrain, int kernelTargets, boolean inGraph) {

  public Map<String, Object> run(ModelPreset preset) {
    ModelSpec spec = preset.spec();
    ParamTable table = DitEdmParams.of(spec.arch());
    List<String> names = ParamSelection.resolve(params, table);
    long p = ParamSelection.count(names, table);
    int d = spec.imageSize();
    int cd = spec.condDim();
    SeedTree root = SeedTree.root(0).child("bench").child("gradients");
    ModelWeights weights = perturbed(ModelWeights.initial(table, root.child("init")), root.child("perturb"));
    float[] x = new float[samples * d];
    CounterRng r = root.child("images").rng();
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (2 * r.nextDouble() - 1);
    }
    float[] y = cd > 0 ? new float[samples * cd] : null;
    for (int i = 0; i < samples && cd > 0; i++) {
      y[i * cd + i % cd] = 1;
    }
    ImageRows rows = ImageRows.of(x, y, samples, d, cd);
    ProbeSet set = ProbeSet.of(SigmaGrid.of("training", probes, spec), d, root.child("probe"));
    RowProbes shared = RowProbes.shared(set);

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("preset", preset.name());
    out.put("params", p);
    out.put("threads", threads);
    out.put("probes", probes);
    out.put("dim", dim);
    out.put("batch", batch);
    out.put("output", output.name());
    double gemm = GemmReference.gflops(1024, threads, 3);
    out.put("gemm_gflops", gemm);

    float[] grads = new float[Math.toIntExact(samples * p)];
    double gradSec;
    double naiveSec;
    double maxDiff = 0;
    double scale = 0;
    double inGraphSec = Double.NaN;
    try (DitEdmModel m = DitEdmModel.of(spec, weights, threads)) {
      GradientStream stream = new GradientStream(m, output, names, probes, false, batch);
      stream.run(firstRows(rows, Math.min(batch, samples)), shared, (f, c, g) -> { }); // warm-up: graph build
      long t0 = System.nanoTime();
      stream.run(rows, shared, (first, count, g) -> System.arraycopy(g, 0, grads, (int) (first * p), (int) (count * p)));
      gradSec = (System.nanoTime() - t0) / 1e9;

      GradientFunction naive = m.gradients(new GradientSpec(output, names, probes, false, 0, 0, 1, false));
      float[] sig = new float[probes];
      float[] eps = new float[probes * d];
      shared.fill(0, sig, 0, eps, 0);
      naive.compute(slice(x, 0, d), y == null ? null : slice(y, 0, cd), sig, eps, 1);
      t0 = System.nanoTime();
      float[][] naiveRows = new float[naiveSamples][];
      for (int i = 0; i < naiveSamples; i++) {
        naiveRows[i] = naive.compute(slice(x, i, d), y == null ? null : slice(y, i, cd), sig, eps, 1);
      }
      naiveSec = (System.nanoTime() - t0) / 1e9;
      for (int i = 0; i < naiveSamples; i++) {
        for (int j = 0; j < p; j++) {
          float want = naiveRows[i][j];
          scale = Math.max(scale, Math.abs(want));
          maxDiff = Math.max(maxDiff, Math.abs(want - grads[(int) (i * p + j)]));
        }
      }
      if (inGraph) {
        GradientStream ig = new GradientStream(m, new GradientSpec(output, names, probes, false, dim, 42, batch, true));
        ImageRows one = firstRows(rows, Math.min(batch, samples));
        ig.run(one, shared, (f, c, g) -> { });
        t0 = System.nanoTime();
        ig.run(one, shared, (f, c, g) -> { });
        inGraphSec = (System.nanoTime() - t0) / 1e9;
      }
    }
    out.put("batched_features_per_s", samples / gradSec);
    out.put("naive_features_per_s", naiveSamples / naiveSec);
    out.put("batched_vs_naive", (samples / gradSec) / (naiveSamples / naiveSec));
    out.put("batched_naive_max_rel_diff", scale == 0 ? 0.0 : maxDiff / scale);

    double projSec;
    double genSec;
    try (GaussianProjector proj = new GaussianProjector(table, names == null ? table.select(s -> true) : names, dim,
        42, samples, 0, threads)) {
      long t0 = System.nanoTime();
      proj.add(grads, 0, samples);
      proj.flush();
      projSec = (System.nanoTime() - t0) / 1e9;
      genSec = proj.generationSeconds(64);
    }
    double projFlops = 2.0 * samples * p * dim;
    out.put("projection_gflops", projFlops / projSec / 1e9);
    out.put("projection_generation_share", Math.min(1, genSec / projSec));
    out.put("projection_seconds_per_chunk", projSec);
    double chunked = samples / (gradSec + projSec);
    out.put("projected_features_per_s", chunked);
    // Rates of the projection's multiply part alone, then the pipelines that regenerate P more
    // often: the naive one projects each sample alone (one generation of P per sample), the
    // in-graph one regenerates P at every batch.
    double mulRate = projFlops / Math.max(projSec - genSec, 1e-9 * projSec);
    double naivePerRow = naiveSec / naiveSamples + genSec + 2.0 * p * dim / mulRate;
    out.put("naive_projected_features_per_s_derived", 1 / naivePerRow);
    out.put("projected_vs_naive_derived", chunked * naivePerRow);
    double batchSecPerBatch = gradSec * batch / samples + genSec + 2.0 * batch * p * dim / mulRate;
    out.put("in_graph_projected_features_per_s", Double.isNaN(inGraphSec) ? batch / batchSecPerBatch
        : Math.min(batch, samples) / inGraphSec);
    out.put("in_graph_measured", !Double.isNaN(inGraphSec));

    float[] phi = gaussian(kernelTrain * dim, root.child("phi").seed());
    float[] tgt = gaussian(kernelTargets * dim, root.child("tgt").seed());
    try (TfLinalg la = new TfLinalg(threads)) {
      long t0 = System.nanoTime();
      KernelScores ks = new KernelScores(la, FeatureStore.of(phi, kernelTrain, dim), FeatureStore.of(tgt, kernelTargets, dim),
          KernelScores.Form.AUTO);
      double gramSec = (System.nanoTime() - t0) / 1e9;
      LambdaGrid grid = LambdaGrid.parse("relative", 1);
      t0 = System.nanoTime();
      ks.solve(grid.lambda(1, ks.trace(), dim), true);
      double oneSec = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      for (double c : grid.coefficients()) {
        ks.solve(grid.lambda(c, ks.trace(), dim), false);
      }
      double gridSec = (System.nanoTime() - t0) / 1e9;
      out.put("kernel_form", ks.form());
      out.put("kernel_train", kernelTrain);
      out.put("kernel_targets", kernelTargets);
      out.put("kernel_gram_seconds", gramSec);
      out.put("kernel_solve_seconds", oneSec);
      out.put("kernel_grid_seconds", gridSec);
      out.put("kernel_grid_size", grid.coefficients().size());
    }
    out.put("peak_rss_mib", PeakMemory.residentPeakMiB());
    out.put("peak_heap_mib", PeakMemory.heapPeakMiB());
    return out;
  }

  /** Every weight plus N(0, 0.02^2) noise: a fresh model's zero-initialised layers then carry gradient. */
  static ModelWeights perturbed(ModelWeights w, SeedTree seeds) {
    Map<String, float[]> m = new LinkedHashMap<>();
    for (Map.Entry<String, float[]> e : w.tensors().entrySet()) {
      float[] v = e.getValue().clone();
      CounterRng r = seeds.child("tensor").child(e.getKey()).rng();
      for (int i = 0; i < v.length; i++) {
        v[i] += (float) (0.02 * r.nextGaussian());
      }
      m.put(e.getKey(), v);
    }
    return new ModelWeights(m);
  }

  private static ImageRows firstRows(ImageRows rows, int n) {
    float[] x = new float[n * rows.imageSize()];
    float[] y = new float[n * Math.max(rows.condDim(), 1)];
    rows.read(0, n, x, y);
    return ImageRows.of(x, rows.condDim() > 0 ? java.util.Arrays.copyOf(y, n * rows.condDim()) : null, n,
        rows.imageSize(), rows.condDim());
  }

  private static float[] slice(float[] a, int i, int per) {
    float[] out = new float[per];
    System.arraycopy(a, i * per, out, 0, per);
    return out;
  }

  private static float[] gaussian(int n, long seed) {
    float[] v = new float[n];
    new CounterRng(seed).fillGaussian(v);
    return v;
  }
}
