package org.tdabench.models.train;

import java.util.ArrayList;
import java.util.List;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.config.TrainConfig;
import org.tdabench.models.edm.EdmGraph;
import org.tdabench.models.graph.Sessions;
import org.tdabench.models.graph.SharedWeights;
import org.tdabench.models.graph.Tensors;
import org.tdabench.models.graph.VariableSet;
import org.tdabench.models.nn.DitEdmNetwork;
import org.tdabench.models.nn.DitEdmParams;
import org.tdabench.models.nn.ParamTable;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The training graph: parameters, their EMA, AdamW moments; one op that draws the step's sigmas,
 * noise, dropout and condition dropout from the step's seed (stateless), takes the AdamW step and
 * then updates the EMA; and the EMA model's deterministic validation loss.
 */
public final class TrainingGraph implements AutoCloseable {
  final ModelSpec spec;
  final TrainConfig cfg;
  final ParamTable table;
  final Graph graph;
  final Session session;
  final VariableSet params;
  final VariableSet ema;
  final VariableSet m;
  final VariableSet v;
  private final Ops tf;
  private final int batch;
  private final Placeholder<TFloat32> x;
  private final Placeholder<TFloat32> y;
  private final Placeholder<TInt32> aug;
  private final Placeholder<TInt64> seed;
  private final Placeholder<TFloat32> lr;
  private final Placeholder<TFloat32> step;
  private final Operand<TFloat32> loss;
  private final Operand<TFloat32> sigma;
  private final Op train;
  private final Op emaFromParams;
  private final Op zeroMoments;
  // Validation (EMA weights, eval mode).
  private final int valBatch;
  private final Placeholder<TFloat32> vx;
  private final Placeholder<TFloat32> vy;
  private final Placeholder<TFloat32> vs;
  private final Placeholder<TFloat32> ve;
  private final Operand<TFloat32> vloss;

  public TrainingGraph(ModelSpec spec, TrainConfig cfg, int threads, int valBatch) {
    this.spec = spec;
    this.cfg = cfg;
    this.table = DitEdmParams.of(spec.arch());
    this.batch = cfg.batchSize();
    this.valBatch = valBatch;
    this.graph = new Graph();
    this.tf = Ops.create(graph);
    List<String> all = table.select(s -> true);
    params = new VariableSet(tf, table, all, "params");
    ema = new VariableSet(tf, table, all, "ema");
    m = new VariableSet(tf, table, all, "adam_m");
    v = new VariableSet(tf, table, all, "adam_v");
    EdmGraph edm = new EdmGraph(new DitEdmNetwork(spec.arch()), spec.edm());
    boolean cond = !spec.arch().unconditional();

    Ops t = tf.withSubScope("train");
    x = t.placeholder(TFloat32.class, Placeholder.shape(Shape.of(spec.imageShape(batch))));
    y = cond ? t.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, spec.condDim()))) : null;
    aug = t.placeholder(TInt32.class, Placeholder.shape(Shape.of(batch)));
    seed = t.placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
    lr = t.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    step = t.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    Operand<TFloat32> z = t.random.statelessRandomNormal(t.constant(new long[] {batch}),
        t.math.add(seed, t.constant(new long[] {0, 1})), TFloat32.class);
    sigma = edm.trainingSigma(t, z);
    Operand<TFloat32> eps = t.random.statelessRandomNormal(t.constant(spec.imageShape(batch)),
        t.math.add(seed, t.constant(new long[] {0, 2})), TFloat32.class);
    Operand<TFloat32> s4 = t.reshape(sigma, t.constant(new long[] {batch, 1, 1, 1}));
    Operand<TFloat32> noisy = t.math.add(x, t.math.mul(s4, eps));
    var den = edm.denoise(t, batch, new SharedWeights(params), noisy, sigma, y, aug,
        new DitEdmNetwork.Options(true, seed, spec.edm().condDropout()));
    loss = t.math.mean(edm.perSampleLoss(t, den.d(), x, sigma), t.constant(0));
    List<Operand<TFloat32>> vars = new ArrayList<>();
    for (String n : all) {
      vars.add(params.get(n));
    }
    var grads = t.gradients(loss, vars);
    List<Operand<TFloat32>> gl = new ArrayList<>();
    List<Op> after = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      gl.add(grads.dy(i));
      after.add(t.identity(grads.<TFloat32>dy(i)));
    }
    after.add(t.identity(loss));
    after.add(t.identity(sigma));
    Op adam = AdamWGraph.update(t, params, all, gl, m, v, lr, step,
        new AdamWGraph.Hyper(cfg.weightDecay(), cfg.beta1(), cfg.beta2(), cfg.adamEps()), after);
    // EMA after the step: ema <- decay ema + (1 - decay) param (buffers: none).
    Ops e = t.withControlDependencies(List.of(adam));
    List<Op> emaOps = new ArrayList<>();
    float d = (float) cfg.emaDecay();
    for (String n : all) {
      Operand<TFloat32> upd = e.math.add(e.math.mul(e.constant(d), ema.get(n)),
          e.math.mul(e.constant(1 - d), params.get(n)));
      emaOps.add(e.assign(ema.get(n), upd));
    }
    train = tf.withControlDependencies(emaOps).noOp();
    emaFromParams = ema.copyFrom(tf, params);
    zeroMoments = tf.withControlDependencies(List.of(m.zero(tf), v.zero(tf))).noOp();

    Ops vt = tf.withSubScope("valid");
    vx = vt.placeholder(TFloat32.class, Placeholder.shape(Shape.of(spec.imageShape(valBatch))));
    vy = cond ? vt.placeholder(TFloat32.class, Placeholder.shape(Shape.of(valBatch, spec.condDim()))) : null;
    vs = vt.placeholder(TFloat32.class, Placeholder.shape(Shape.of(valBatch)));
    ve = vt.placeholder(TFloat32.class, Placeholder.shape(Shape.of(spec.imageShape(valBatch))));
    Operand<TFloat32> vs4 = vt.reshape(vs, vt.constant(new long[] {valBatch, 1, 1, 1}));
    Operand<TInt32> vaug = vt.zeros(vt.constant(new long[] {valBatch}), TInt32.class);
    var vden = edm.denoise(vt, valBatch, new SharedWeights(ema), vt.math.add(vx, vt.math.mul(vs4, ve)),
        vs, vy, vaug, DitEdmNetwork.Options.eval());
    vloss = edm.perSampleLoss(vt, vden.d(), vx, vs);

    session = Sessions.open(graph, threads);
  }

  /** Starts from initial weights: params <- w, ema <- params, moments <- 0. */
  public void start(java.util.Map<String, float[]> w) {
    params.write(session, w);
    session.runner().addTarget(emaFromParams).addTarget(zeroMoments).run().close();
  }

  /** One optimiser step; returns (mean loss, per-sample sigmas). */
  public StepResult step(float[] images, float[] conds, int[] flags, long[] seedPair, double lrValue, long t) {
    return step(images, conds, flags, seedPair, lrValue, t, null);
  }

  /**
   * One optimiser step traced op by op: {@code stats} receives each executed node's op type and
   * wall microseconds (used by {@code bench model --profile}).
   */
  public StepResult step(float[] images, float[] conds, int[] flags, long[] seedPair, double lrValue, long t,
      java.util.function.BiConsumer<String, Long> stats) {
    List<Tensor> open = new ArrayList<>();
    try {
      TFloat32 tx = Tensors.f32(images, spec.imageShape(batch));
      open.add(tx);
      Session.Runner r = session.runner().feed(x, tx);
      if (y != null) {
        TFloat32 ty = Tensors.f32(conds, batch, spec.condDim());
        open.add(ty);
        r.feed(y, ty);
      }
      TInt32 ta = Tensors.i32(flags, batch);
      TInt64 ts = Tensors.i64(seedPair);
      TFloat32 tl = Tensors.scalar((float) lrValue);
      TFloat32 tt = Tensors.scalar((float) t);
      open.add(ta);
      open.add(ts);
      open.add(tl);
      open.add(tt);
      r.feed(aug, ta).feed(seed, ts).feed(lr, tl).feed(step, tt).addTarget(train);
      r.fetch(loss).fetch(sigma);
      if (stats != null) {
        r.setOptions(org.tensorflow.proto.RunOptions.newBuilder()
            .setTraceLevel(org.tensorflow.proto.RunOptions.TraceLevel.FULL_TRACE).build());
      }
      try (Result res = stats == null ? r.run() : r.runAndFetchMetadata()) {
        if (stats != null) {
          res.getMetadata().ifPresent(md -> OpProfile.collect(graph, md, stats));
        }
        return new StepResult(Tensors.readScalar(res.get(0)), Tensors.read(res.get(1)));
      }
    } finally {
      open.forEach(Tensor::close);
    }
  }

  /** The step's mean loss and the sigma each sample drew. */
  public record StepResult(float loss, float[] sigmas) {}

  /** Per-sample validation losses of the EMA model for one (padded) batch. */
  float[] validate(float[] images, float[] conds, float[] sigmas, float[] eps) {
    List<Tensor> open = new ArrayList<>();
    try {
      TFloat32 tx = Tensors.f32(images, spec.imageShape(valBatch));
      TFloat32 ts = Tensors.f32(sigmas, valBatch);
      TFloat32 te = Tensors.f32(eps, spec.imageShape(valBatch));
      open.add(tx);
      open.add(ts);
      open.add(te);
      Session.Runner r = session.runner().feed(vx, tx).feed(vs, ts).feed(ve, te);
      if (vy != null) {
        TFloat32 ty = Tensors.f32(conds, valBatch, spec.condDim());
        open.add(ty);
        r.feed(vy, ty);
      }
      try (Result res = r.fetch(vloss).run()) {
        return Tensors.read(res.get(0));
      }
    } finally {
      open.forEach(Tensor::close);
    }
  }

  int valBatch() {
    return valBatch;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
