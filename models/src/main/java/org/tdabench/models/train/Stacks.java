package org.tdabench.models.train;

import java.util.LinkedHashMap;
import java.util.Map;

/** Host views of stacked tensors: model f of F is the f-th of F equal consecutive slices. */
final class Stacks {
  private Stacks() {}

  /** Model {@code f}'s tensors of a stack of {@code copies}. */
  static Map<String, float[]> slice(Map<String, float[]> stacked, int f, int copies) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, float[]> e : stacked.entrySet()) {
      int n = e.getValue().length / copies;
      float[] v = new float[n];
      System.arraycopy(e.getValue(), f * n, v, 0, n);
      out.put(e.getKey(), v);
    }
    return out;
  }

  /** Writes one model's tensors into slice {@code f} of a stack (allocated on first use). */
  static void put(Map<String, float[]> stacked, int f, int copies, Map<String, float[]> model) {
    for (Map.Entry<String, float[]> e : model.entrySet()) {
      float[] v = e.getValue();
      float[] s = stacked.computeIfAbsent(e.getKey(), k -> new float[v.length * copies]);
      System.arraycopy(v, 0, s, f * v.length, v.length);
    }
  }
}
