package org.tdabench.models.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.TinyModels;
import org.tdabench.models.nn.DitEdmParams;

/** Untrained but non-trivial tiny members: the reference initialisation with every tensor perturbed. */
final class EnsembleFixtures {
  private EnsembleFixtures() {}

  static ModelSpec spec() {
    return TinyModels.tinySpec();
  }

  static List<ModelWeights> members(int n, long seed) {
    List<ModelWeights> out = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      ModelWeights w = ModelWeights.initial(DitEdmParams.of(spec().arch()), SeedTree.root(seed).child("member", j));
      Map<String, float[]> p = new TreeMap<>();
      CounterRng r = new CounterRng(seed * 100 + j);
      w.tensors().forEach((k, v) -> {
        float[] c = v.clone();
        for (int i = 0; i < c.length; i++) {
          c[i] += (float) (0.05 * r.nextGaussian());
        }
        p.put(k, c);
      });
      out.add(new ModelWeights(p));
    }
    return out;
  }
}
