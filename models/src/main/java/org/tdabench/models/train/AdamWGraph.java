package org.tdabench.models.train;

import java.util.ArrayList;
import java.util.List;
import org.tdabench.models.graph.VariableSet;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * AdamW as PyTorch applies it (torch.optim.AdamW, the reference's optimiser): decoupled decay
 * p <- p (1 - lr wd) first, then m <- b1 m + (1 - b1) g, v <- b2 v + (1 - b2) g^2 and
 * p <- p - (lr / (1 - b1^t)) m / (sqrt(v) / sqrt(1 - b2^t) + eps). Decay applies to every
 * parameter that is optimised, biases and norms included.
 */
public final class AdamWGraph {
  private AdamWGraph() {}

  /** Hyper-parameters (lr and step are fed per step). */
  public record Hyper(double weightDecay, double beta1, double beta2, double eps) {}

  /**
   * The update op. {@code lr} and {@code step} (t >= 1, float) are scalar placeholders; every
   * assign waits for {@code after} (the gradients and whatever reads the old weights).
   */
  public static Op update(Ops tf, VariableSet params, List<String> names, List<Operand<TFloat32>> grads,
      VariableSet m, VariableSet v, Operand<TFloat32> lr, Operand<TFloat32> step, Hyper h,
      List<Op> after) {
    Ops dep = after.isEmpty() ? tf : tf.withControlDependencies(after);
    Operand<TFloat32> b1 = dep.constant((float) h.beta1());
    Operand<TFloat32> b2 = dep.constant((float) h.beta2());
    Operand<TFloat32> one = dep.constant(1f);
    Operand<TFloat32> bc1 = dep.math.sub(one, dep.math.pow(b1, step));
    Operand<TFloat32> bc2 = dep.math.sub(one, dep.math.pow(b2, step));
    Operand<TFloat32> stepSize = dep.math.div(lr, bc1);
    Operand<TFloat32> decay = dep.math.sub(one, dep.math.mul(lr, dep.constant((float) h.weightDecay())));
    Operand<TFloat32> sqrtBc2 = dep.math.sqrt(bc2);
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      Variable<TFloat32> p = params.get(n);
      Operand<TFloat32> g = grads.get(i);
      Operand<TFloat32> mNew = dep.math.add(dep.math.mul(b1, m.get(n)), dep.math.mul(dep.math.sub(one, b1), g));
      Operand<TFloat32> vNew = dep.math.add(dep.math.mul(b2, v.get(n)), dep.math.mul(dep.math.sub(one, b2), dep.math.square(g)));
      Operand<TFloat32> denom = dep.math.add(dep.math.div(dep.math.sqrt(vNew), sqrtBc2), dep.constant((float) h.eps()));
      Operand<TFloat32> pNew = dep.math.sub(dep.math.mul(p, decay), dep.math.mul(stepSize, dep.math.div(mNew, denom)));
      ops.add(dep.assign(m.get(n), mNew));
      ops.add(dep.assign(v.get(n), vNew));
      ops.add(dep.assign(p, pNew));
    }
    return tf.withControlDependencies(ops).noOp();
  }
}
