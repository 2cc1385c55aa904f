package org.tdabench.models.train;

import java.util.ArrayList;
import java.util.List;
import org.tdabench.models.graph.FlatVariables;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The per-model update of a fleet: one op per model (decoupled weight decay, then TensorFlow's fused
 * Adam kernel, then the EMA), so a step runs the update ops of the active models only and a stopped
 * or failed model's weights, moments and EMA stay exactly as they were. The fused kernels update a
 * model's flat parameter vector in three passes, not the ~20 of separate element-wise ops.
 *
 * <p>AdamW as PyTorch defines it (torch.optim.AdamW): p <- p (1 - lr wd), m <- b1 m + (1 - b1) g,
 * v <- b2 v + (1 - b2) g^2, p <- p - (lr / (1 - b1^t)) m / (sqrt(v) / sqrt(1 - b2^t) + eps).
 * TensorFlow's ApplyAdam computes p <- p - lr sqrt(1 - b2^t) / (1 - b1^t) m / (sqrt(v) + eps'),
 * the same update when eps' = eps sqrt(1 - b2^t), which the host feeds per model and step (with
 * b1^t, b2^t in double precision); its moment updates m + (g - m)(1 - b1) are PyTorch's lerp form.
 * Rounding differs from PyTorch's kernels in the last bits, as any other kernel's would. The decay
 * is p - (lr wd) p and the EMA ema - (1 - d)(ema - p), one fused pass each.
 */
final class FleetUpdate {
  private FleetUpdate() {}

  /** Per-model [F] inputs of one step. */
  record Scalars(Operand<TFloat32> lr, Operand<TFloat32> lrDecay, Operand<TFloat32> beta1Power,
      Operand<TFloat32> beta2Power, Operand<TFloat32> epsHat) {}

  /**
   * One update op per model, each waiting for {@code after} (the gradients and whatever reads the
   * old weights); {@code grads} is [F, P].
   */
  static List<Op> build(Ops tf, FlatVariables params, FlatVariables m, FlatVariables v, FlatVariables ema,
      Operand<TFloat32> grads, Scalars s, AdamWGraph.Hyper h, double emaDecay, List<Op> after) {
    Ops dep = tf.withControlDependencies(after);
    int models = params.models();
    List<Operand<TFloat32>> g = rows(dep, grads, models, params.size());
    List<Operand<TFloat32>> lr = rows(dep, s.lr(), models, 0);
    List<Operand<TFloat32>> lrDecay = rows(dep, s.lrDecay(), models, 0);
    List<Operand<TFloat32>> b1p = rows(dep, s.beta1Power(), models, 0);
    List<Operand<TFloat32>> b2p = rows(dep, s.beta2Power(), models, 0);
    List<Operand<TFloat32>> eps = rows(dep, s.epsHat(), models, 0);
    Operand<TFloat32> b1 = dep.constant((float) h.beta1());
    Operand<TFloat32> b2 = dep.constant((float) h.beta2());
    Operand<TFloat32> emaRate = dep.constant(1f - (float) emaDecay);
    List<Op> ops = new ArrayList<>();
    for (int f = 0; f < models; f++) {
      Variable<TFloat32> p = params.model(f);
      Op decay = dep.train.applyGradientDescent(p, lrDecay.get(f), p);
      Ops d1 = tf.withControlDependencies(List.of(decay));
      Op adam = d1.train.applyAdam(p, m.model(f), v.model(f), b1p.get(f), b2p.get(f), lr.get(f), b1, b2, eps.get(f),
          g.get(f));
      Ops d2 = tf.withControlDependencies(List.of(adam));
      Variable<TFloat32> e = ema.model(f);
      Op emaStep = d2.train.applyGradientDescent(e, emaRate, d2.math.sub(e, p));
      ops.add(tf.withControlDependencies(List.of(emaStep)).noOp());
    }
    return ops;
  }

  /** The F rows of an [F, n] tensor ({@code n == 0}: of an [F] vector, as scalars). */
  private static List<Operand<TFloat32>> rows(Ops tf, Operand<TFloat32> x, int models, long n) {
    List<Operand<TFloat32>> out = new ArrayList<>();
    if (models == 1) {
      // A scalar by squeezing, not by reshaping to a constant empty shape: with the pooled (BFC)
      // allocator a zero-element constant has no data buffer, which TensorFlow Java cannot fill.
      out.add(n == 0 ? tf.squeeze(x) : tf.reshape(x, tf.constant(new long[] {n})));
    } else {
      out.addAll(tf.unstack(x, (long) models).output());
    }
    return out;
  }
}
