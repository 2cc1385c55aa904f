package org.tdabench.models.train;

import java.util.ArrayList;
import java.util.List;
import org.tdabench.models.graph.VariableSet;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * The masked AdamW step and EMA update of a fleet: every variable is stacked {@code [F] + shape},
 * and the per-model scalars (learning rate terms, active flag) are {@code [F]} vectors broadcast
 * over each model's slice. A model whose flag is false keeps its weights, moments and EMA bit for
 * bit (a select, not a multiply), so a finished or failed model stops while the others go on.
 *
 * <p>AdamW as PyTorch applies it (torch.optim.AdamW): p <- p (1 - lr wd), m <- b1 m + (1 - b1) g,
 * v <- b2 v + (1 - b2) g^2, p <- p - (lr / (1 - b1^t)) m / (sqrt(v) / sqrt(1 - b2^t) + eps). The
 * bias corrections are computed on the host in double precision (fed as {@code stepSize} and
 * {@code sqrtBc2}), so no transcendental op sees a vector whose length depends on the fleet size.
 */
final class FleetUpdate {
  private FleetUpdate() {}

  /** Per-model [F] inputs of one step. */
  record Scalars(Operand<TFloat32> stepSize, Operand<TFloat32> decay, Operand<TFloat32> sqrtBc2,
      Operand<TBool> active) {}

  /**
   * The update op: AdamW on {@code params}, then the EMA. Every assign waits for {@code after}
   * (the gradients and whatever reads the old weights).
   */
  static Op build(Ops tf, List<String> names, List<Operand<TFloat32>> grads, VariableSet params,
      VariableSet m, VariableSet v, VariableSet ema, Scalars s, AdamWGraph.Hyper h, double emaDecay,
      List<Op> after) {
    Ops dep = tf.withControlDependencies(after);
    float b1 = (float) h.beta1();
    float b2 = (float) h.beta2();
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      int rank = params.shape(n).length;
      Operand<TBool> on = perModel(dep, s.active(), rank);
      Variable<TFloat32> p = params.get(n);
      Operand<TFloat32> g = grads.get(i);
      Operand<TFloat32> mNew = dep.math.add(dep.math.mul(dep.constant(b1), m.get(n)),
          dep.math.mul(dep.constant(1f - b1), g));
      Operand<TFloat32> vNew = dep.math.add(dep.math.mul(dep.constant(b2), v.get(n)),
          dep.math.mul(dep.constant(1f - b2), dep.math.square(g)));
      Operand<TFloat32> denom = dep.math.add(dep.math.div(dep.math.sqrt(vNew), perModel(dep, s.sqrtBc2(), rank)),
          dep.constant((float) h.eps()));
      Operand<TFloat32> pNew = dep.math.sub(dep.math.mul(p, perModel(dep, s.decay(), rank)),
          dep.math.mul(perModel(dep, s.stepSize(), rank), dep.math.div(mNew, denom)));
      ops.add(dep.assign(m.get(n), dep.select(on, mNew, m.get(n))));
      ops.add(dep.assign(v.get(n), dep.select(on, vNew, v.get(n))));
      ops.add(dep.assign(p, dep.select(on, pNew, p)));
    }
    Op adam = tf.withControlDependencies(ops).noOp();
    // EMA after the step: ema <- decay ema + (1 - decay) param (no buffers), active models only.
    Ops e = tf.withControlDependencies(List.of(adam));
    float d = (float) emaDecay;
    List<Op> emaOps = new ArrayList<>();
    for (String n : names) {
      Operand<TBool> on = perModel(e, s.active(), params.shape(n).length);
      Operand<TFloat32> upd = e.math.add(e.math.mul(e.constant(d), ema.get(n)),
          e.math.mul(e.constant(1 - d), params.get(n)));
      emaOps.add(e.assign(ema.get(n), e.select(on, upd, ema.get(n))));
    }
    return tf.withControlDependencies(emaOps).noOp();
  }

  /** A [F] vector reshaped to [F, 1, ..., 1] of the given rank, to broadcast over model slices. */
  static <T extends org.tensorflow.types.family.TType> Operand<T> perModel(Ops tf, Operand<T> x, int rank) {
    long[] shape = new long[rank];
    java.util.Arrays.fill(shape, 1);
    shape[0] = -1;
    return tf.reshape(x, tf.constant(shape));
  }
}
