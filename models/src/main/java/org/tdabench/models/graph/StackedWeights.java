package org.tdabench.models.graph;

import java.util.Map;
import org.tdabench.models.nn.Weights;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Every parameter of C models stacked on a leading axis ({@code [C] + shape}, e.g. from
 * {@link FlatVariables#stacked}): with a batch of C x G entries and group G, model c computes entries
 * cG .. cG + G - 1, so the network evaluates C independent models in one pass (matrix products
 * batched over the model axis). Each model's results do not depend on C.
 */
public final class StackedWeights implements Weights {
  private final Map<String, Operand<TFloat32>> stacked;
  private final int group;

  /** {@code group}: batch entries per model. */
  public StackedWeights(Map<String, Operand<TFloat32>> stacked, int group) {
    if (group < 1) {
      throw new IllegalArgumentException("group must be >= 1, got " + group);
    }
    this.stacked = Map.copyOf(stacked);
    this.group = group;
  }

  @Override
  public Operand<TFloat32> get(String name) {
    Operand<TFloat32> t = stacked.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no parameter " + name);
    }
    return t;
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
