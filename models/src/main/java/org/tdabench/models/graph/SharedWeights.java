package org.tdabench.models.graph;

import org.tdabench.models.nn.Weights;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Every parameter read from one {@link VariableSet}, shared by all samples. */
public final class SharedWeights implements Weights {
  private final VariableSet vars;

  public SharedWeights(VariableSet vars) {
    this.vars = vars;
  }

  @Override
  public Operand<TFloat32> get(String name) {
    return vars.get(name);
  }

  @Override
  public boolean perSample(String name) {
    return false;
  }
}
