package org.tdabench.models.graph;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.math.RsqrtGrad;
import org.tensorflow.op.math.SigmoidGrad;
import org.tensorflow.op.math.TanhGrad;
import org.tensorflow.types.TFloat32;

/**
 * Gradients of the gradient ops that TensorFlow's C++ registry lacks (Python TensorFlow defines
 * them in math_grad.py), so that a graph can differentiate a gradient: RsqrtGrad, TanhGrad and
 * SigmoidGrad, the backward ops of layer norm, tanh-GELU and SiLU. Registered once per process.
 *
 * <p>For out = G(y, dy) with upstream gradient g:
 * RsqrtGrad = -dy y^3 / 2: d/dy = -3/2 dy y^2 g, d/d(dy) = RsqrtGrad(y, g);
 * TanhGrad = dy (1 - y^2): d/dy = -2 y dy g, d/d(dy) = TanhGrad(y, g);
 * SigmoidGrad = dy y (1 - y): d/dy = dy (1 - 2y) g, d/d(dy) = SigmoidGrad(y, g).
 */
public final class SecondOrderGradients {
  private static boolean registered;

  private SecondOrderGradients() {}

  /** Registers the three gradients (idempotent). */
  @SuppressWarnings("unchecked")
  public static synchronized void register() {
    if (registered) {
      return;
    }
    // false means TensorFlow already defines the gradient (a later version may): keep its own.
    TensorFlow.registerCustomGradient(RsqrtGrad.Inputs.class, (tf, op, g) -> {
      Operand<TFloat32> y = (Operand<TFloat32>) op.y;
      Operand<TFloat32> dy = (Operand<TFloat32>) op.dy;
      Operand<TFloat32> up = (Operand<TFloat32>) g.get(0);
      Operand<TFloat32> gy = tf.math.mul(tf.math.mul(tf.constant(-1.5f), up), tf.math.mul(dy, tf.math.square(y)));
      return List.of(gy, tf.math.rsqrtGrad(y, up));
    });
    TensorFlow.registerCustomGradient(TanhGrad.Inputs.class, (tf, op, g) -> {
      Operand<TFloat32> y = (Operand<TFloat32>) op.y;
      Operand<TFloat32> dy = (Operand<TFloat32>) op.dy;
      Operand<TFloat32> up = (Operand<TFloat32>) g.get(0);
      Operand<TFloat32> gy = tf.math.mul(tf.math.mul(tf.constant(-2f), up), tf.math.mul(dy, y));
      return List.of(gy, tf.math.tanhGrad(y, up));
    });
    TensorFlow.registerCustomGradient(SigmoidGrad.Inputs.class, (tf, op, g) -> {
      Operand<TFloat32> y = (Operand<TFloat32>) op.y;
      Operand<TFloat32> dy = (Operand<TFloat32>) op.dy;
      Operand<TFloat32> up = (Operand<TFloat32>) g.get(0);
      Operand<TFloat32> oneMinus2y = tf.math.sub(tf.constant(1f), tf.math.mul(tf.constant(2f), y));
      return List.of(tf.math.mul(up, tf.math.mul(dy, oneMinus2y)), tf.math.sigmoidGrad(y, up));
    });
    registered = true;
  }
}
