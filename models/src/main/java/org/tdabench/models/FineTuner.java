package org.tdabench.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tdabench.models.edm.EdmGraph;
import org.tdabench.models.graph.Tensors;
import org.tdabench.models.graph.VariableSet;
import org.tdabench.models.nn.DitEdmNetwork;
import org.tdabench.models.train.AdamWGraph;
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
 * Fine-tunes a copy of the model in place: {@link #evaluate} computes the step's per-sample losses
 * and stashes the objective's gradient; the caller decides (e.g. a stop rule that must be checked
 * before the step) and then {@link #apply}s the AdamW update; {@link #reset} restores the weights
 * of the copy's origin and clears the optimiser state, so one model serves many targets.
 */
public final class FineTuner {
  private final DitEdmModel m;
  private final FineTuneSpec fs;
  private final ModelInputs in;
  private final Placeholder<TFloat32> weight;
  private final Placeholder<TFloat32> clamp;
  private final Placeholder<TInt64> seed;
  private final Placeholder<TFloat32> lr;
  private final Placeholder<TFloat32> step;
  private final Operand<TFloat32> losses;
  private final Op stash;
  private final Op apply;
  private final Op reset;
  private final Op snapshot;
  private final VariableSet gradStash;
  private int steps;
  private boolean stashed;

  FineTuner(DitEdmModel m, FineTuneSpec fs) {
    this.m = m;
    this.fs = fs;
    ModelSpec spec = m.spec();
    int b = fs.batch();
    Ops tf = m.tf().withSubScope("finetune_" + System.identityHashCode(this));
    in = new ModelInputs(tf, spec, b, false);
    weight = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(b)));
    clamp = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(b)));
    seed = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
    lr = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    step = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    EdmGraph edm = m.edm();
    Operand<TFloat32> z = tf.random.statelessRandomNormal(tf.constant(new long[] {b}),
        tf.math.add(seed, tf.constant(new long[] {0, 1})), TFloat32.class);
    Operand<TFloat32> sigma = edm.trainingSigma(tf, z);
    Operand<TFloat32> e = tf.random.statelessRandomNormal(tf.constant(spec.imageShape(b)),
        tf.math.add(seed, tf.constant(new long[] {0, 2})), TFloat32.class);
    Operand<TFloat32> s4 = tf.reshape(sigma, tf.constant(new long[] {b, 1, 1, 1}));
    Operand<TFloat32> noisy = tf.math.add(in.x, tf.math.mul(s4, e));
    Operand<TInt32> aug = tf.zeros(tf.constant(new long[] {b}), TInt32.class);
    var den = edm.denoise(tf, b, m.sharedWeights(), noisy, sigma, in.y, aug, DitEdmNetwork.Options.eval());
    losses = edm.perSampleLoss(tf, den.d(), in.x, sigma);
    Operand<TFloat32> objective = tf.reduceSum(tf.math.mul(weight, tf.math.minimum(losses, clamp)), tf.constant(0));

    VariableSet params = m.variables();
    List<String> names = fs.trainable();
    List<Operand<TFloat32>> vars = new ArrayList<>();
    for (String n : names) {
      vars.add(params.get(n));
    }
    var grads = tf.gradients(objective, vars);
    var table = m.params();
    gradStash = new VariableSet(tf, table, names, "grad");
    VariableSet mSet = new VariableSet(tf, table, names, "m");
    VariableSet vSet = new VariableSet(tf, table, names, "v");
    VariableSet snap = new VariableSet(tf, table, names, "snapshot");
    List<Op> stashOps = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      stashOps.add(tf.assign(gradStash.get(names.get(i)), grads.<TFloat32>dy(i)));
    }
    stash = tf.withControlDependencies(stashOps).noOp();
    List<Operand<TFloat32>> stashed = new ArrayList<>();
    for (String n : names) {
      stashed.add(gradStash.get(n));
    }
    apply = AdamWGraph.update(tf, params, names, stashed, mSet, vSet, lr, step,
        new AdamWGraph.Hyper(fs.weightDecay(), fs.beta1(), fs.beta2(), fs.eps()), List.of());
    Op restore = snapshotRestore(tf, params, snap, names);
    Op zeroM = mSet.zero(tf);
    Op zeroV = vSet.zero(tf);
    reset = tf.withControlDependencies(List.of(restore, zeroM, zeroV)).noOp();
    snapshot = snap.copyFrom(tf, params);
    // Optimiser state starts at zero.
    m.session().runner().addTarget(zeroM).addTarget(zeroV).run().close();
  }

  private static Op snapshotRestore(Ops tf, VariableSet params, VariableSet snap, List<String> names) {
    List<Op> ops = new ArrayList<>();
    for (String n : names) {
      ops.add(tf.assign(params.get(n), snap.get(n)));
    }
    return tf.withControlDependencies(ops).noOp();
  }

  public FineTuneSpec spec() {
    return fs;
  }

  /** Number of updates applied since the last reset. */
  public int steps() {
    return steps;
  }

  /**
   * Computes the per-sample losses of one step's batch (images, conditions, objective weights and
   * clamps; fresh log-normal sigma and noise from {@code seedPair}) and stashes the objective's
   * gradient for {@link #apply}. Nothing changes in the weights.
   */
  public float[] evaluate(float[] x, float[] y, float[] weights, float[] clamps, long[] seedPair) {
    int b = fs.batch();
    Batching.checkLength("weights", weights, b);
    Batching.checkLength("clamps", clamps, b);
    List<Tensor> open = ModelInputs.openList();
    Session.Runner r = m.session().runner();
    try {
      in.feed(r, open, x, y, null, null, 0, b);
      TFloat32 tw = Tensors.f32(weights, b);
      TFloat32 tc = Tensors.f32(clamps, b);
      TInt64 ts = Tensors.i64(seedPair);
      open.add(tw);
      open.add(tc);
      open.add(ts);
      r.feed(weight, tw).feed(clamp, tc).feed(seed, ts).addTarget(stash);
      try (Result res = r.fetch(losses).run()) {
        stashed = true;
        return Tensors.read(res.get(0));
      }
    } finally {
      ModelInputs.closeAll(open);
    }
  }

  /**
   * The objective's gradient stashed by the last {@link #evaluate}, by trainable parameter name
   * (host copies). Lets a caller use the fine-tuner as a batched gradient of a weighted loss with
   * in-graph noise draws (e.g. AbU's averaged target gradient) and apply its own update.
   */
  public Map<String, float[]> stashedGradient() {
    if (!stashed) {
      throw new IllegalStateException("evaluate() must precede stashedGradient()");
    }
    return gradStash.read(m.session());
  }

  /** Applies one AdamW step with the gradient stashed by the last {@link #evaluate}. */
  public void apply() {
    if (!stashed) {
      throw new IllegalStateException("evaluate() must precede apply()");
    }
    steps++;
    try (TFloat32 tl = Tensors.scalar((float) fs.lr()); TFloat32 tt = Tensors.scalar(steps)) {
      m.session().runner().feed(lr, tl).feed(step, tt).addTarget(apply).run().close();
    }
    stashed = false;
  }

  /** Restores the trainable parameters of the snapshot and clears the optimiser state. */
  public void reset() {
    m.session().runner().addTarget(reset).run().close();
    steps = 0;
    stashed = false;
  }

  /** Takes the model's current trainable parameters as the snapshot {@link #reset} restores. */
  void rebase() {
    m.session().runner().addTarget(snapshot).run().close();
    reset();
  }
}
