package org.tdabench.models;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.core.CounterRng;
import org.tdabench.core.Hashing;
import org.tdabench.core.SeedTree;
import org.tdabench.core.UserError;
import org.tdabench.models.nn.ParamSpec;
import org.tdabench.models.nn.ParamTable;

/** Host copy of a network's weights, by parameter name, in {@link ParamTable} order. */
public final class ModelWeights {
  private final Map<String, float[]> tensors;

  public ModelWeights(Map<String, float[]> tensors) {
    this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }

  public Map<String, float[]> tensors() {
    return tensors;
  }

  public float[] get(String name) {
    float[] v = tensors.get(name);
    if (v == null) {
      throw new UserError("weights have no tensor '" + name + "'");
    }
    return v;
  }

  public List<String> names() {
    return List.copyOf(tensors.keySet());
  }

  /** A deep copy. */
  public ModelWeights copy() {
    Map<String, float[]> m = new LinkedHashMap<>();
    tensors.forEach((k, v) -> m.put(k, v.clone()));
    return new ModelWeights(m);
  }

  /** A copy with some tensors replaced. */
  public ModelWeights with(Map<String, float[]> replacements) {
    Map<String, float[]> m = new LinkedHashMap<>(tensors);
    replacements.forEach((k, v) -> {
      if (!m.containsKey(k)) {
        throw new IllegalArgumentException("no tensor " + k);
      }
      m.put(k, v);
    });
    return new ModelWeights(m);
  }

  /** Checks that names and sizes match {@code table} exactly. */
  public void checkAgainst(ParamTable table) {
    if (tensors.size() != table.size()) {
      throw new UserError("weights hold " + tensors.size() + " tensors but the model has "
          + table.size() + ": they were saved for another architecture");
    }
    for (ParamSpec s : table.specs()) {
      float[] v = tensors.get(s.name());
      if (v == null || v.length != s.size()) {
        throw new UserError("weights do not match the model at '" + s.name() + "' (expected "
            + s.size() + " values, found " + (v == null ? "none" : v.length) + ")");
      }
    }
  }

  /** SHA-256 over names and little-endian float bits: identical weights, identical hash. */
  public String sha256() {
    MessageDigest md = Hashing.sha256();
    for (Map.Entry<String, float[]> e : tensors.entrySet()) {
      md.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      float[] v = e.getValue();
      ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(v);
      md.update(b.array());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  public long count() {
    long n = 0;
    for (float[] v : tensors.values()) {
      n += v.length;
    }
    return n;
  }

  /**
   * The reference initialisation (PyTorch defaults, the reference's zero inits), each tensor drawn
   * from its own stream {@code seeds.child("init/<name>")}.
   */
  public static ModelWeights initial(ParamTable table, SeedTree seeds) {
    Map<String, float[]> m = new LinkedHashMap<>();
    for (ParamSpec s : table.specs()) {
      float[] v = new float[Math.toIntExact(s.size())];
      CounterRng rng = seeds.child("init").child(s.name()).rng();
      ParamSpec.Init init = s.init();
      if (init instanceof ParamSpec.Ones) {
        Arrays.fill(v, 1f);
      } else if (init instanceof ParamSpec.Uniform u) {
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) ((2 * rng.nextDouble() - 1) * u.bound());
        }
      } else if (init instanceof ParamSpec.Normal nrm) {
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (rng.nextGaussian() * nrm.std());
        }
      } // Zeros: already zero
      m.put(s.name(), v);
    }
    return new ModelWeights(m);
  }
}
