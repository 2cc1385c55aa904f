package org.tdabench.models.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.config.TrainConfig;
import org.tdabench.models.edm.EdmGraph;
import org.tdabench.models.graph.Sessions;
import org.tdabench.models.graph.StackedWeights;
import org.tdabench.models.graph.Tensors;
import org.tdabench.models.graph.FlatVariables;
import org.tdabench.models.nn.DitEdmNetwork;
import org.tdabench.models.nn.DitEdmParams;
import org.tdabench.models.nn.ParamTable;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The training graph of a fleet of F models of one architecture: parameters, EMA and AdamW moments
 * stacked on a leading model axis; one batch of F x B images in which model f reads rows
 * fB .. fB + B - 1 (the network's matrix products batched over the model axis, see
 * {@link StackedWeights}); each model's sigmas, noise, dropout and condition dropout drawn by its own
 * stateless ops from its own seed; the objective the sum of the models' batch-mean losses (its
 * gradient with respect to model f's parameters is exactly model f's gradient); the per-model AdamW
 * and EMA update of {@link FleetUpdate} (run for the active models only); and the EMA models'
 * deterministic validation losses. Each model's weights, EMA and moments are one flat variable
 * ({@link FlatVariables}).
 *
 * <p>A model's slice is meant to be computed by the same kernels with the same shapes whatever F
 * is, so that a model trained in a fleet is bit-identical to it trained as a fleet of one: tested on
 * the tiny preset; on the small preset it fails at F = 4 (see {@link FleetTrainer}).
 */
public final class FleetGraph implements AutoCloseable {
  final ModelSpec spec;
  final int models;
  final int batch;
  final int valBatch;
  final ParamTable table;
  final Graph graph;
  final Session session;
  final FlatVariables params;
  final FlatVariables ema;
  final FlatVariables m;
  final FlatVariables v;
  private final FleetInputs in;
  private final FleetInputs.Validation vin;
  private final Operand<TFloat32> loss;
  private final Operand<TFloat32> sigma;
  private final Operand<TFloat32> vloss;
  private final List<Op> updates;

  /**
   * @param models F, the number of models
   * @param valBatch validation images per model per call
   */
  public FleetGraph(ModelSpec spec, TrainConfig cfg, int threads, int models, int valBatch) {
    if (models < 1 || valBatch < 1) {
      throw new IllegalArgumentException("models and valBatch must be >= 1");
    }
    this.spec = spec;
    this.models = models;
    this.batch = cfg.batchSize();
    this.valBatch = valBatch;
    this.table = DitEdmParams.of(spec.arch());
    this.graph = new Graph();
    Ops tf = Ops.create(graph);
    params = new FlatVariables(tf, table, "params", models);
    ema = new FlatVariables(tf, table, "ema", models);
    m = new FlatVariables(tf, table, "adam_m", models);
    v = new FlatVariables(tf, table, "adam_v", models);
    EdmGraph edm = new EdmGraph(new DitEdmNetwork(spec.arch()), spec.edm());
    int fb = models * batch;

    Ops t = tf.withSubScope("train");
    in = new FleetInputs(t, spec, models, batch);
    // Per-model draws, each by its own op of one model's shape (sigma's exp too), then stacked.
    List<Operand<TFloat32>> sigmas = new ArrayList<>();
    List<Operand<TFloat32>> noises = new ArrayList<>();
    for (Operand<TInt64> s : in.seedList) {
      Operand<TFloat32> z = t.random.statelessRandomNormal(t.constant(new long[] {batch}),
          t.math.add(s, t.constant(new long[] {0, 1})), TFloat32.class);
      sigmas.add(edm.trainingSigma(t, z));
      noises.add(t.random.statelessRandomNormal(t.constant(spec.imageShape(batch)),
          t.math.add(s, t.constant(new long[] {0, 2})), TFloat32.class));
    }
    sigma = stack(t, sigmas);
    Operand<TFloat32> eps = stack(t, noises);
    Operand<TFloat32> s4 = t.reshape(sigma, t.constant(new long[] {fb, 1, 1, 1}));
    Operand<TFloat32> noisy = t.math.add(in.x, t.math.mul(s4, eps));
    Map<String, Operand<TFloat32>> weights = params.stacked(t);
    var den = edm.denoise(t, fb, new StackedWeights(weights, batch), noisy, sigma, in.y, in.aug,
        new DitEdmNetwork.Options(true, in.seedList, spec.edm().condDropout()));
    Operand<TFloat32> perSample = edm.perSampleLoss(t, den.d(), in.x, sigma);
    loss = t.math.mean(t.reshape(perSample, t.constant(new long[] {models, batch})), t.constant(1));
    Operand<TFloat32> objective = t.reduceSum(loss, t.constant(0));
    var grads = t.gradients(objective, new ArrayList<>(weights.values()));
    List<Operand<TFloat32>> gl = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      gl.add(grads.dy(i));
    }
    Operand<TFloat32> flatGrads = params.join(t, gl);
    List<Op> after = List.of(t.identity(flatGrads), t.identity(loss), t.identity(sigma));
    updates = FleetUpdate.build(t, params, m, v, ema, flatGrads,
        new FleetUpdate.Scalars(in.lr, in.lrDecay, in.beta1Power, in.beta2Power, in.epsHat),
        new AdamWGraph.Hyper(cfg.weightDecay(), cfg.beta1(), cfg.beta2(), cfg.adamEps()), cfg.emaDecay(), after);

    Ops vt = tf.withSubScope("valid");
    vin = new FleetInputs.Validation(vt, spec, models * valBatch);
    int vb = models * valBatch;
    Operand<TFloat32> vs4 = vt.reshape(vin.sigma, vt.constant(new long[] {vb, 1, 1, 1}));
    Operand<TInt32> vaug = vt.zeros(vt.constant(new long[] {vb}), TInt32.class);
    var vden = edm.denoise(vt, vb, new StackedWeights(ema.stacked(vt), valBatch), vt.math.add(vin.x, vt.math.mul(vs4, vin.eps)),
        vin.sigma, vin.y, vaug, DitEdmNetwork.Options.eval());
    vloss = edm.perSampleLoss(vt, vden.d(), vin.x, vin.sigma);

    session = Sessions.openFleet(graph, threads);
  }

  private static Operand<TFloat32> stack(Ops tf, List<Operand<TFloat32>> parts) {
    return parts.size() == 1 ? parts.get(0) : tf.concat(parts, tf.constant(0));
  }

  /** Starts model {@code f} from weights {@code w}: EMA = weights, zero moments. */
  public void start(int f, Map<String, float[]> w) {
    Map<String, float[]> zeros = new java.util.LinkedHashMap<>();
    w.forEach((k, x) -> zeros.put(k, new float[x.length]));
    params.write(session, f, w);
    ema.write(session, f, w);
    m.write(session, f, zeros);
    v.write(session, f, zeros);
  }

  /**
   * One step's host inputs: F x B rows, per model its seed pair and update terms (learning rate,
   * learning rate x weight decay, b1^t, b2^t and eps sqrt(1 - b2^t)), and which models take the step.
   */
  public record StepFeed(float[] images, float[] conds, int[] flags, long[] seeds, float[] lr, float[] lrDecay,
      float[] beta1Power, float[] beta2Power, float[] epsHat, boolean[] active) {}

  /** Each model's batch-mean loss [F] and the sigma each row drew [F x B]. */
  public record StepResult(float[] losses, float[] sigmas) {}

  /** One optimiser step of every active model. */
  public StepResult step(StepFeed f) {
    return step(f, null);
  }

  /**
   * One optimiser step; with {@code stats} non-null the step is traced op by op and {@code stats}
   * receives each executed node's op type and wall microseconds.
   */
  public StepResult step(StepFeed f, BiConsumer<String, Long> stats) {
    List<Tensor> open = new ArrayList<>();
    try {
      Session.Runner r = session.runner();
      in.feed(r, open, f);
      for (int k = 0; k < models; k++) {
        if (f.active()[k]) {
          r.addTarget(updates.get(k));
        }
      }
      r.fetch(loss).fetch(sigma);
      try (Result res = OpProfile.run(r, graph, stats)) {
        return new StepResult(Tensors.read(res.get(0)), Tensors.read(res.get(1)));
      }
    } finally {
      open.forEach(Tensor::close);
    }
  }

  /** Per-image validation losses of the EMA models for [F x valBatch] rows. */
  float[] validate(float[] images, float[] conds, float[] sigmas, float[] eps) {
    List<Tensor> open = new ArrayList<>();
    try {
      Session.Runner r = session.runner();
      vin.feed(r, open, images, conds, sigmas, eps);
      try (Result res = r.fetch(vloss).run()) {
        return Tensors.read(res.get(0));
      }
    } finally {
      open.forEach(Tensor::close);
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
