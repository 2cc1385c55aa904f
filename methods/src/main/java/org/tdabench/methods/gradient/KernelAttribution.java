package org.tdabench.methods.gradient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.methods.api.Scores;
import org.tdabench.methods.api.TaskResources;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.OutputFunction;
import org.tdabench.models.ProbeSet;
import org.tdabench.models.ProjectionBlocks;
import org.tdabench.models.nn.DitEdmParams;
import org.tdabench.models.nn.ParamTable;

/**
 * The TRAK family on DiT-EDM: per model, features phi = P^T (1/K) sum_k grad f(z; sigma_k, eps_k)
 * of every training image and target ({@link FeatureExtractor}), kernel scores at every ridge
 * value of the {@link LambdaGrid} ({@link KernelScores}), an optional per-method transform (DAS),
 * and the mean over the models of an ensemble. Every ridge value becomes a score candidate; the
 * harness chooses one on its tuning subsets.
 *
 * <p>Seeds: {@code probe} (one noise image per sigma, shared by every sample and model).
 */
public abstract class KernelAttribution implements AttributionMethod {

  /** The scalar output whose gradient is the feature. */
  protected abstract OutputFunction output(MethodOptions o);

  /** Default K and k. */
  protected abstract int defaultSigmas();

  protected abstract int defaultDim();

  /** Options beyond {@link KernelConfig}'s. */
  protected MethodOptions.Schema extend(MethodOptions.Schema s) {
    return s;
  }

  /** Unit-normalise each probe's gradient before averaging (DAS). */
  protected boolean normalizePerProbe() {
    return false;
  }

  /** Whether {@link #transform} needs 1 - h_i. */
  protected boolean needsLeverage() {
    return false;
  }

  /** Per-model data the transform needs (DAS: residuals), computed before scoring; null if none. */
  protected double[] prepare(AttributionTask task, ModelWeights weights) {
    return null;
  }

  /** Scores of one model at one ridge value from the kernel solution (identity by default). */
  protected float[] transform(KernelScores.Solution s, double[] prepared, int targets, int train) {
    return s.scores();
  }

  /** The porting choices to record, beyond the shared ones. */
  protected abstract Map<String, Object> porting(MethodOptions o);

  @Override
  public final MethodOptions.Schema options() {
    return extend(KernelConfig.schema(defaultSigmas(), defaultDim()));
  }

  @Override
  public void checkOptions(MethodOptions options) {
    KernelConfig c = KernelConfig.from(options);
    LambdaGrid.parse(c.lambdaGrid(), c.lambda());
    output(options);
  }

  @Override
  public Scores attribute(AttributionTask task) {
    long t0 = System.nanoTime();
    KernelConfig c = KernelConfig.from(task.options());
    LambdaGrid grid = LambdaGrid.parse(c.lambdaGrid(), c.lambda());
    ParamTable table = DitEdmParams.of(task.spec().arch());
    List<String> names = ParamSelection.resolve(c.params(), table);
    int d = task.spec().imageSize();
    int cd = task.spec().condDim();
    double[] sigmas = SigmaGrid.of(c.sigmaGrid(), c.sigmas(), task.spec());
    ProbeSet probes = ProbeSet.of(sigmas, d, task.seeds().child("probe"));
    List<ModelWeights> models = new ArrayList<>();
    if (c.models() == 0) {
      models.add(task.weights());
    } else {
      for (TaskResources.SubsetModel sm : task.resources().subsetModels(c.models())) {
        models.add(sm.weights());
      }
    }
    List<FeatureExtractor.Pass> passes = new ArrayList<>();
    ImageRows train = ImageRows.of(task.train());
    ImageRows targets = ImageRows.of(task.targets(), d, cd);
    RowProbes shared = RowProbes.shared(probes);
    for (int m = 0; m < models.size(); m++) {
      passes.add(new FeatureExtractor.Pass("train/" + m, models.get(m), train, shared));
      passes.add(new FeatureExtractor.Pass("targets/" + m, models.get(m), targets, shared));
    }
    FeatureConfig fc = new FeatureConfig(output(task.options()), names, normalizePerProbe(), c.projectionDim(),
        c.projectionSeed(), c.batch(), (long) c.memoryMib() << 20, c.projector().equals("in-graph"));
    FeatureExtractor.Result fr = FeatureExtractor.extract(task.spec(), task.threads(), fc, passes, task.scratch(),
        task.progress());
    double targetSeconds = 0;
    for (int i = 1; i < passes.size(); i += 2) {
      targetSeconds += fr.seconds(passes, i);
    }

    int t = task.targets().size();
    int n = task.train().size();
    Map<String, float[]> sums = new LinkedHashMap<>();
    List<Map<String, Object>> perModel = new ArrayList<>();
    java.util.Set<String> failed = new java.util.TreeSet<>();
    String form;
    try (TfLinalg la = new TfLinalg(task.threads())) {
      form = "";
      for (int m = 0; m < models.size(); m++) {
        double[] prepared = prepare(task, models.get(m));
        FeatureStore ft = fr.features().get(2 * m);
        FeatureStore fq = fr.features().get(2 * m + 1);
        KernelScores ks = new KernelScores(la, ft, fq, c.form());
        form = ks.form();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("trace_phi_t_phi", ks.trace());
        Map<String, Object> lambdas = new LinkedHashMap<>();
        for (double coef : grid.coefficients()) {
          String key = LambdaGrid.key(coef);
          double lambda = grid.lambda(coef, ks.trace(), ks.featureDim());
          lambdas.put(key, lambda);
          KernelScores.Solution sol;
          try {
            sol = ks.solve(lambda, needsLeverage());
          } catch (IllegalStateException e) {
            failed.add(key);
            continue;
          }
          float[] s = transform(sol, prepared, t, n);
          float[] acc = sums.computeIfAbsent(key, k -> new float[t * n]);
          for (int i = 0; i < acc.length; i++) {
            acc[i] += s[i] / models.size();
          }
        }
        info.put("lambda_values", lambdas);
        perModel.add(info);
        ft.close();
        fq.close();
      }
    }
    failed.forEach(sums::remove);
    String chosen = LambdaGrid.key(grid.defaultCoefficient());
    float[] values = sums.get(chosen);
    if (values == null) {
      throw new IllegalStateException("the default ridge " + chosen + " could not be solved");
    }
    for (float[] v : sums.values()) {
      clampToFinite(v);
    }

    double total = (System.nanoTime() - t0) / 1e9;
    Map<String, Object> md = new LinkedHashMap<>();
    md.put("options", task.options().values());
    md.put("config", c.describe());
    md.put("output", output(task.options()).name());
    md.put("sigma_values", toList(sigmas));
    md.put("probe_noise", "one N(0,1) image per sigma from seeds 'probe/eps/<k>', shared by every sample and model");
    md.put("parameters", names == null ? "all" : names);
    md.put("parameter_count", ParamSelection.count(names, table));
    md.put("projection", "dense Gaussian N(0,1), k=" + c.projectionDim() + ", seed " + c.projectionSeed()
        + ", generated in blocks of " + ProjectionBlocks.rowsPerBlock(c.projectionDim())
        + " rows per tensor (TensorFlow StatelessRandomNormal), no 1/sqrt(k) scaling (as D-TRAK)");
    md.put("projector", Map.of("mode", c.projector(), "chunk_rows", fr.chunkRows(), "cached_blocks", fr.cachedBlocks(),
        "blocks", fr.totalBlocks(), "seconds", fr.projectionSeconds(),
        "gflops", fr.projectionSeconds() > 0 ? fr.projectionFlops() / fr.projectionSeconds() / 1e9 : 0.0));
    md.put("gradient_seconds", fr.gradientSeconds());
    md.put("solve_form", form);
    md.put("lambda_grid", grid.mode());
    md.put("default_candidate", chosen);
    md.put("per_model", perModel);
    md.put("ensemble", c.models() == 0 ? "the attributed model" : "mean of " + c.models()
        + " models trained on alpha=0.5 subsets, one shared ridge coefficient, same projection");
    if (!failed.isEmpty()) {
      md.put("failed_candidates", new ArrayList<>(failed));
    }
    md.put("porting", porting(task.options()));
    double[] per = new double[t];
    java.util.Arrays.fill(per, t == 0 ? 0 : targetSeconds / t);
    return new Scores(t, n, values, total - targetSeconds, per, md, sums);
  }

  /** Clamps overflowed entries (only squared DAS scores can overflow float) to +-Float.MAX_VALUE. */
  static void clampToFinite(float[] v) {
    for (int i = 0; i < v.length; i++) {
      if (Float.isNaN(v[i])) {
        throw new IllegalStateException("a kernel score is NaN");
      }
      if (Float.isInfinite(v[i])) {
        v[i] = v[i] > 0 ? Float.MAX_VALUE : -Float.MAX_VALUE;
      }
    }
  }

  static List<Double> toList(double[] a) {
    List<Double> out = new ArrayList<>();
    for (double v : a) {
      out.add(v);
    }
    return out;
  }
}
