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
 * One float variable per parameter (a named subset of a {@link ParamTable}), with host write/read
 * through placeholders built once. Variables are graph (ref) variables, so gradients and
 * {@code Assign} have TensorFlow 2.18 semantics.
 */
public final class VariableSet {
  private final String prefix;
  private final Map<String, ParamSpec> specs = new LinkedHashMap<>();
  private final Map<String, Variable<TFloat32>> vars = new LinkedHashMap<>();
  private final Map<String, Placeholder<TFloat32>> feeds = new LinkedHashMap<>();
  private final Map<String, Op> writes = new LinkedHashMap<>();

  public VariableSet(Ops tf, ParamTable table, List<String> names, String prefix) {
    this.prefix = prefix;
    Ops scoped = tf.withSubScope(prefix);
    for (String name : names) {
      ParamSpec s = table.get(name);
      String safe = safeName(name);
      Variable<TFloat32> v = scoped.withName(safe).variable(Shape.of(s.shape()), TFloat32.class);
      Placeholder<TFloat32> ph = scoped.withName(safe + "_in")
          .placeholder(TFloat32.class, Placeholder.shape(Shape.of(s.shape())));
      specs.put(name, s);
      vars.put(name, v);
      feeds.put(name, ph);
      writes.put(name, scoped.withName(safe + "_write").assign(v, ph));
    }
  }

  static String safeName(String name) {
    return name.replace('.', '_');
  }

  public String prefix() {
    return prefix;
  }

  public List<String> names() {
    return new ArrayList<>(vars.keySet());
  }

  public boolean contains(String name) {
    return vars.containsKey(name);
  }

  public Variable<TFloat32> get(String name) {
    Variable<TFloat32> v = vars.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no variable " + name + " in set " + prefix);
    }
    return v;
  }

  public ParamSpec spec(String name) {
    return specs.get(name);
  }

  /** Writes host values (every variable of the set must be given). */
  public void write(Session s, Map<String, float[]> values) {
    Session.Runner r = s.runner();
    List<TFloat32> open = new ArrayList<>();
    try {
      for (Map.Entry<String, Variable<TFloat32>> e : vars.entrySet()) {
        float[] v = values.get(e.getKey());
        if (v == null) {
          throw new IllegalArgumentException("missing value for " + e.getKey());
        }
        TFloat32 t = Tensors.f32(v, specs.get(e.getKey()).shape());
        open.add(t);
        r.feed(feeds.get(e.getKey()), t);
        r.addTarget(writes.get(e.getKey()));
      }
      r.run().close();
    } finally {
      open.forEach(TFloat32::close);
    }
  }

  /** Reads every variable to host arrays. */
  public Map<String, float[]> read(Session s) {
    Session.Runner r = s.runner();
    List<String> names = names();
    for (String n : names) {
      r.fetch(vars.get(n));
    }
    Map<String, float[]> out = new LinkedHashMap<>();
    try (Result res = r.run()) {
      for (int i = 0; i < names.size(); i++) {
        out.put(names.get(i), Tensors.read(res.get(i)));
      }
    }
    return out;
  }

  /** An op assigning every variable of this set from the same-named variable of {@code src}. */
  public Op copyFrom(Ops tf, VariableSet src) {
    List<Op> ops = new ArrayList<>();
    for (Map.Entry<String, Variable<TFloat32>> e : vars.entrySet()) {
      ops.add(tf.assign(e.getValue(), src.get(e.getKey())));
    }
    return tf.withControlDependencies(ops).noOp();
  }

  /** An op zeroing every variable of this set. */
  public Op zero(Ops tf) {
    List<Op> ops = new ArrayList<>();
    for (Map.Entry<String, Variable<TFloat32>> e : vars.entrySet()) {
      Operand<TFloat32> z = tf.zeros(tf.constant(specs.get(e.getKey()).shape()), TFloat32.class);
      ops.add(tf.assign(e.getValue(), z));
    }
    return tf.withControlDependencies(ops).noOp();
  }
}
