package org.tdabench.models.graph;

import java.util.HashMap;
import java.util.Map;
import org.tdabench.models.nn.Weights;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Every parameter read from a stacked {@link VariableSet} of C models ({@code [C] + shape}): with a
 * batch of C x G entries and group G, model c computes entries cG .. cG + G - 1, so the network
 * evaluates C independent models in one pass (matrix products batched over the model axis).
 */
public final class StackedWeights implements Weights {
  private final VariableSet vars;
  private final int group;
  private final Map<String, Operand<TFloat32>> reads = new HashMap<>();
  private final Ops tf;

  /** {@code group}: batch entries per model. */
  public StackedWeights(Ops tf, VariableSet vars, int group) {
    if (vars.copies() < 1) {
      throw new IllegalArgumentException("variable set " + vars.prefix() + " is not stacked");
    }
    if (group < 1) {
      throw new IllegalArgumentException("group must be >= 1, got " + group);
    }
    this.tf = tf;
    this.vars = vars;
    this.group = group;
  }

  /**
   * The variable's value (an Identity read: the gradient of a batched product must see a value
   * type, not the variable's reference type).
   */
  @Override
  public Operand<TFloat32> get(String name) {
    return reads.computeIfAbsent(name, n -> tf.identity(vars.get(n)));
  }

  @Override
  public boolean perSample(String name) {
    return true;
  }

  @Override
  public boolean copyCountInvariant() {
    return true;
  }

  @Override
  public int group() {
    return group;
  }
}
