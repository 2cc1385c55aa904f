package org.tdabench.models.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.models.nn.ParamSpec;
import org.tdabench.models.nn.ParamTable;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The parameters of F models, one flat float variable of all of a model's parameters per model (in
 * {@link ParamTable} order). A model's state is read, written and updated on its own (a fused
 * optimiser op per model, a checkpoint per model), while the network reads every model at once
 * through {@link #stacked}: the F variables stacked to [F, P] and cut into per-parameter
 * {@code [F] + shape} tensors.
 */
public final class FlatVariables {
  private final ParamTable table;
  private final int models;
  private final long size;
  private final Map<String, long[]> offsets = new LinkedHashMap<>();
  private final List<Variable<TFloat32>> vars = new ArrayList<>();
  private final Placeholder<TFloat32> feed;
  private final List<Op> writes = new ArrayList<>();

  public FlatVariables(Ops tf, ParamTable table, String prefix, int models) {
    this.table = table;
    this.models = models;
    long off = 0;
    for (ParamSpec s : table.specs()) {
      offsets.put(s.name(), new long[] {off, s.size()});
      off += s.size();
    }
    this.size = off;
    Ops scoped = tf.withSubScope(prefix);
    feed = scoped.withName("in").placeholder(TFloat32.class, Placeholder.shape(Shape.of(size)));
    for (int f = 0; f < models; f++) {
      Variable<TFloat32> v = scoped.withName("model_" + f).variable(Shape.of(size), TFloat32.class);
      vars.add(v);
      writes.add(scoped.withName("write_" + f).assign(v, feed));
    }
  }

  public int models() {
    return models;
  }

  /** Parameters per model. */
  public long size() {
    return size;
  }

  /** Model {@code f}'s variable [P]. */
  public Variable<TFloat32> model(int f) {
    return vars.get(f);
  }

  /**
   * Every parameter of every model, {@code [F] + shape}, by name: one stack of the F variables and
   * one slice per parameter (the gradient sources of a fleet).
   */
  public Map<String, Operand<TFloat32>> stacked(Ops tf) {
    List<Operand<TFloat32>> reads = new ArrayList<>();
    for (Variable<TFloat32> v : vars) {
      reads.add(tf.identity(v));
    }
    Operand<TFloat32> all = models == 1 ? tf.reshape(reads.get(0), tf.constant(new long[] {1, size}))
        : tf.stack(reads);
    Map<String, Operand<TFloat32>> out = new LinkedHashMap<>();
    for (ParamSpec s : table.specs()) {
      long[] o = offsets.get(s.name());
      Operand<TFloat32> slice = tf.slice(all, tf.constant(new long[] {0, o[0]}), tf.constant(new long[] {models, o[1]}));
      out.put(s.name(), tf.reshape(slice, tf.constant(stackedShape(s.shape(), models))));
    }
    return out;
  }

  /** Per-parameter {@code [F] + shape} tensors (e.g. gradients) joined into [F, P]. */
  public Operand<TFloat32> join(Ops tf, List<Operand<TFloat32>> perParam) {
    List<Operand<TFloat32>> parts = new ArrayList<>();
    int i = 0;
    for (ParamSpec s : table.specs()) {
      parts.add(tf.reshape(perParam.get(i++), tf.constant(new long[] {models, s.size()})));
    }
    return tf.concat(parts, tf.constant(1));
  }

  /** Writes model {@code f}'s tensors (every parameter must be given). */
  public void write(Session s, int f, Map<String, float[]> values) {
    try (TFloat32 t = Tensors.f32(flatten(values), size)) {
      s.runner().feed(feed, t).addTarget(writes.get(f)).run().close();
    }
  }

  /** Reads the tensors of the models {@code which}, in that order. */
  public List<Map<String, float[]>> read(Session s, List<Integer> which) {
    Session.Runner r = s.runner();
    for (int f : which) {
      r.fetch(vars.get(f));
    }
    List<Map<String, float[]>> out = new ArrayList<>();
    try (Result res = r.run()) {
      for (int k = 0; k < which.size(); k++) {
        out.add(unflatten(Tensors.read(res.get(k))));
      }
    }
    return out;
  }

  /** Reads model {@code f}'s tensors. */
  public Map<String, float[]> read(Session s, int f) {
    return read(s, List.of(f)).get(0);
  }

  /** {@code [models] + shape}. */
  static long[] stackedShape(long[] shape, int models) {
    long[] out = new long[shape.length + 1];
    out[0] = models;
    System.arraycopy(shape, 0, out, 1, shape.length);
    return out;
  }

  float[] flatten(Map<String, float[]> values) {
    float[] flat = new float[Math.toIntExact(size)];
    for (Map.Entry<String, long[]> e : offsets.entrySet()) {
      float[] v = values.get(e.getKey());
      if (v == null || v.length != e.getValue()[1]) {
        throw new IllegalArgumentException("missing or mis-sized value for " + e.getKey());
      }
      System.arraycopy(v, 0, flat, (int) e.getValue()[0], v.length);
    }
    return flat;
  }

  Map<String, float[]> unflatten(float[] flat) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> e : offsets.entrySet()) {
      float[] v = new float[(int) e.getValue()[1]];
      System.arraycopy(flat, (int) e.getValue()[0], v, 0, v.length);
      out.put(e.getKey(), v);
    }
    return out;
  }
}
