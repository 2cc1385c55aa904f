package org.tdabench.models.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.models.nn.Weights;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Per-sample copies of a parameter subset: {@code tile(w, [C, 1, ...])}. The gradient of a sum of
 * per-sample outputs with respect to a copy is the stack of per-sample gradients, computed in one
 * batched backward pass (for a linear layer, the outer product of its inputs and output gradients,
 * contracted in-graph by BatchMatMul). With a group G, copy c serves the G consecutive batch
 * entries cG .. cG + G - 1 (e.g. G probes of one sample), and its gradient is their sum.
 */
public final class TiledWeights implements Weights {
  private final VariableSet vars;
  private final int group;
  private final Map<String, Operand<TFloat32>> tiled = new LinkedHashMap<>();

  /** One copy per batch entry. */
  public TiledWeights(Ops tf, VariableSet vars, List<String> perSample, int batch) {
    this(tf, vars, perSample, batch, 1);
  }

  /** {@code copies} copies, each shared by {@code group} consecutive batch entries. */
  public TiledWeights(Ops tf, VariableSet vars, List<String> perSample, int copies, int group) {
    if (copies < 1 || group < 1) {
      throw new IllegalArgumentException("copies and group must be >= 1");
    }
    this.vars = vars;
    this.group = group;
    for (String name : perSample) {
      long[] shape = vars.spec(name).shape();
      long[] one = new long[shape.length + 1];
      long[] reps = new long[shape.length + 1];
      one[0] = 1;
      reps[0] = copies;
      for (int i = 0; i < shape.length; i++) {
        one[i + 1] = shape[i];
        reps[i + 1] = 1;
      }
      tiled.put(name, tf.tile(tf.reshape(vars.get(name), tf.constant(one)), tf.constant(reps)));
    }
  }

  /** The per-sample copies, in subset order (the differentiation sources). */
  public Map<String, Operand<TFloat32>> copies() {
    return tiled;
  }

  @Override
  public Operand<TFloat32> get(String name) {
    Operand<TFloat32> t = tiled.get(name);
    return t != null ? t : vars.get(name);
  }

  @Override
  public boolean perSample(String name) {
    return tiled.containsKey(name);
  }

  @Override
  public int group() {
    return group;
  }
}
