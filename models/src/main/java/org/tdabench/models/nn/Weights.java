package org.tdabench.models.nn;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Where the network reads its parameters from. In the shared mode every tensor has its
 * {@link ParamSpec} shape; in the per-sample mode a tensor may carry a leading batch dimension
 * ({@code [B] + shape}), one copy per sample, so that the gradient of a sum of per-sample outputs
 * with respect to that copy is the per-sample gradient (no per-sample backward passes).
 */
public interface Weights {
  /** The parameter tensor of this name. */
  Operand<TFloat32> get(String name);

  /** Whether {@code name} is read per sample (leading batch dimension). */
  boolean perSample(String name);

  /**
   * How many consecutive batch entries share one per-sample copy (1 = one copy per entry). With
   * G > 1 a per-sample tensor has a leading dimension B / G, and the gradient with respect to copy
   * c is the sum of the gradients of entries cG .. cG + G - 1: several probes of one sample summed
   * inside the layers' batched products, without a [B] + shape gradient ever being formed.
   */
  default int group() {
    return 1;
  }

  /**
   * Whether each copy's results must not depend on the number of copies (a fleet of models: a model
   * computes the same bits in a fleet of any size). Per-sample gradients need not (false).
   */
  default boolean copyCountInvariant() {
    return false;
  }
}
