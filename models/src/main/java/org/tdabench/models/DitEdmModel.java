package org.tdabench.models;

import java.util.HashMap;
import java.util.Map;
import org.tdabench.core.Progress;
import org.tdabench.core.SeedTree;
import org.tdabench.models.config.SamplerConfig;
import org.tdabench.models.edm.EdmGraph;
import org.tdabench.models.edm.HeunSampler;
import org.tdabench.models.graph.SharedWeights;
import org.tdabench.models.graph.Sessions;
import org.tdabench.models.graph.VariableSet;
import org.tdabench.models.nn.DitEdmNetwork;
import org.tdabench.models.nn.DitEdmParams;
import org.tdabench.models.nn.ParamTable;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * A DiT-EDM model for inference and attribution: one TensorFlow graph and session holding one set
 * of weights (usually a trained model's EMA weights), plus functions compiled once per batch shape
 * and cached: per-sample losses at given (sigma, eps) probes, denoising and sampling, internal
 * features, per-sample gradients of an output function (optionally projected), and fine-tuning of
 * a parameter subset against a custom objective. No graph is built on a hot path: a function is
 * built the first time its shape is asked for and reused afterwards.
 *
 * <p>Not thread-safe: one model per thread.
 */
public final class DitEdmModel implements AutoCloseable {
  private final ModelSpec spec;
  private final ParamTable table;
  private final int threads;
  private final Graph graph;
  private final Ops tf;
  private final Session session;
  private final VariableSet params;
  private final EdmGraph edm;
  private final Map<String, Object> functions = new HashMap<>();
  private int evalBatch;

  private DitEdmModel(ModelSpec spec, int threads) {
    this.spec = spec;
    this.table = DitEdmParams.of(spec.arch());
    this.threads = threads;
    this.graph = new Graph();
    this.tf = Ops.create(graph);
    this.params = new VariableSet(tf, table, table.select(s -> true), "params");
    this.edm = new EdmGraph(new DitEdmNetwork(spec.arch()), spec.edm());
    this.session = Sessions.open(graph, threads);
    this.evalBatch = 64;
  }

  /** A model with uninitialised weights; call {@link #initialize} or {@link #load} next. */
  public static DitEdmModel create(ModelSpec spec, int threads) {
    return new DitEdmModel(spec, threads);
  }

  /** A model holding {@code weights}. */
  public static DitEdmModel of(ModelSpec spec, ModelWeights weights, int threads) {
    DitEdmModel m = new DitEdmModel(spec, threads);
    m.load(weights);
    return m;
  }

  public ModelSpec spec() {
    return spec;
  }

  public ParamTable params() {
    return table;
  }

  public int threads() {
    return threads;
  }

  /** Images per graph run for forward-only functions (losses, denoising, features). */
  public int evalBatch() {
    return evalBatch;
  }

  public DitEdmModel withEvalBatch(int b) {
    if (b < 1) {
      throw new IllegalArgumentException("eval batch must be >= 1");
    }
    this.evalBatch = b;
    return this;
  }

  /** Sets the reference initialisation drawn from {@code seeds}. */
  public void initialize(SeedTree seeds) {
    load(ModelWeights.initial(table, seeds));
  }

  public ModelWeights weights() {
    return new ModelWeights(params.read(session));
  }

  public void load(ModelWeights w) {
    w.checkAgainst(table);
    params.write(session, w.tensors());
  }

  // ---------------------------------------------------------------- forward

  /**
   * Per-sample losses of n (image, probe) pairs: image i (flat NHWC in {@code x}, condition in
   * {@code y}, null if unconditional) noised as x_i + sigma_i eps_i.
   */
  public float[] losses(float[] x, float[] y, float[] sigma, float[] eps, int n) {
    LossFunction f = function("loss/" + evalBatch, () -> new LossFunction(this, evalBatch));
    return f.run(x, y, sigma, eps, n);
  }

  /**
   * Noise-consistent losses: every image at every probe of {@code probes}, returned row-major
   * [n][K]. The probes are the same for every image, so two models' losses differ only by the
   * models.
   */
  public float[] probeLosses(float[] x, float[] y, int n, ProbeSet probes) {
    return probeLosses(x, y, n, probes, Progress.none());
  }

  /** As {@link #probeLosses(float[], float[], int, ProbeSet)}, stepping {@code progress} by images done. */
  public float[] probeLosses(float[] x, float[] y, int n, ProbeSet probes, Progress progress) {
    return probeFunction(probes.size()).run(x, y, n, probes, progress);
  }

  /** The compiled probe-loss function for K probes ({@code evalBatch / K} images per graph run). */
  private ProbeLossFunction probeFunction(int k) {
    int per = Math.max(1, evalBatch / k);
    return function("probe/" + per + "/" + k, () -> new ProbeLossFunction(this, per, k));
  }

  /**
   * A traced {@link #probeLosses(float[], float[], int, ProbeSet)}: microseconds by op type over its
   * graph runs (for speed figures; tracing itself costs time).
   */
  public Map<String, Long> profileProbeLosses(float[] x, float[] y, int n, ProbeSet probes) {
    Map<String, Long> micros = new java.util.TreeMap<>();
    probeFunction(probes.size()).run(x, y, n, probes, Progress.none(), (type, us) -> micros.merge(type, us, Long::sum));
    return micros;
  }

  /** D(x; sigma) for n images at one noise level. */
  public float[] denoise(float[] xNoisy, float[] y, double sigma, int n) {
    DenoiseFunction f = function("denoise/" + evalBatch, () -> new DenoiseFunction(this, evalBatch));
    return f.run(xNoisy, y, sigma, n);
  }

  /**
   * D(x; sigma) and the Jacobian-vector product (dD/dx) v for n images at one noise level, each
   * image with its own tangent v (flat NHWC, n images): returns {D, (dD/dx) v}. Forward-mode
   * derivatives for propagating tangents through a sampler.
   */
  public float[][] denoiseJvp(float[] xNoisy, float[] y, float[] v, double sigma, int n) {
    DenoiseJvpFunction f = function("denoise-jvp/" + evalBatch, () -> new DenoiseJvpFunction(this, evalBatch));
    return f.run(xNoisy, y, v, sigma, n);
  }

  /** The mean patch token after the last block [n][width], at noisy inputs x + sigma eps. */
  public float[] features(float[] x, float[] y, float[] sigma, float[] eps, int n) {
    FeatureFunction f = function("features/" + evalBatch, () -> new FeatureFunction(this, evalBatch));
    return f.run(x, y, sigma, eps, n);
  }

  /**
   * Generates images with the deterministic Heun sampler from unit-normal initial noise
   * {@code eps} (n images), conditions {@code y} (null if unconditional) and guidance
   * {@code sampler.cfg()}: D = w D(x|y) + (1 - w) D(x|null).
   */
  public float[] sample(float[] eps, float[] y, int n, SamplerConfig sampler) {
    return sample(eps, y, n, sampler, Progress.none());
  }

  /**
   * As {@link #sample(float[], float[], int, SamplerConfig)}, stepping {@code progress} by one per
   * sampler evaluation ({@link #samplerEvaluations} in all).
   */
  public float[] sample(float[] eps, float[] y, int n, SamplerConfig sampler, Progress progress) {
    HeunSampler heun = new HeunSampler(sampler);
    double w = spec.arch().unconditional() ? 1.0 : sampler.cfg();
    float[] nullY = y == null ? null : new float[y.length];
    return heun.sample(eps, (xs, s) -> {
      progress.step(1);
      float[] dc = denoise(xs, y, s, n);
      if (w == 1.0) {
        return dc;
      }
      float[] du = denoise(xs, nullY, s, n);
      float[] out = new float[dc.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) (w * dc[i] + (1 - w) * du[i]);
      }
      return out;
    });
  }

  /** Denoiser evaluations of one {@link #sample} run: a Heun step per sigma but the last, which is Euler. */
  public static int samplerEvaluations(SamplerConfig sampler) {
    return 2 * sampler.steps() - 1;
  }

  /** The unit-normal initial noise of sample seeds (one independent stream per seed). */
  public float[] initialNoise(long[] seeds) {
    return initialNoise(seeds, spec.imageSize());
  }

  /** {@link #initialNoise(long[])} for images of {@code d} floats, without a model. */
  public static float[] initialNoise(long[] seeds, int d) {
    float[] eps = new float[seeds.length * d];
    for (int i = 0; i < seeds.length; i++) {
      new org.tdabench.core.CounterRng(seeds[i]).fillGaussian(eps, i * d, d);
    }
    return eps;
  }

  // ---------------------------------------------------------------- gradients and fine-tuning

  /** A compiled per-sample gradient function (built once per spec). */
  public GradientFunction gradients(GradientSpec gs) {
    return function("grad/" + gs, () -> new GradientFunction(this, gs));
  }

  /** A fine-tuner for a parameter subset; its snapshot is the current weights. */
  public FineTuner fineTuner(FineTuneSpec fs) {
    FineTuner t = function("finetune/" + fs, () -> new FineTuner(this, fs));
    t.rebase();
    return t;
  }

  // ---------------------------------------------------------------- internals for the functions

  Graph graph() {
    return graph;
  }

  Ops tf() {
    return tf;
  }

  Session session() {
    return session;
  }

  VariableSet variables() {
    return params;
  }

  EdmGraph edm() {
    return edm;
  }

  SharedWeights sharedWeights() {
    return new SharedWeights(params);
  }

  @SuppressWarnings("unchecked")
  private <T> T function(String key, java.util.function.Supplier<T> make) {
    return (T) functions.computeIfAbsent(key, k -> make.get());
  }

  @Override
  public void close() {
    for (Object f : functions.values()) {
      if (f instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
    functions.clear();
    session.close();
    graph.close();
  }
}
