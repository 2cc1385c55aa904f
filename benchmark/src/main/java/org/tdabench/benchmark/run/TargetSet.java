package org.tdabench.benchmark.run;

import java.util.ArrayList;
import java.util.List;
import org.tdabench.methods.api.Targets;

/**
 * The targets of one seed: which rows are gen (LDS), ablation, val and self targets, and the
 * controls (generated, never attributed). Row order in {@link #attributed()}: gen, val, self; the
 * ablation targets are the first gen rows.
 *
 * @param attributed the targets given to methods
 * @param controls generated controls (raw sampler output, about [-1, 1])
 * @param controlInfo their seeds and sources
 * @param gen number of gen rows
 * @param val number of val rows
 * @param self number of self rows
 * @param ablation number of ablation rows (the first gen rows)
 * @param selfRelevant per self target, the training items that count as itself (the image and its
 *     planted duplicates)
 */
record TargetSet(Targets attributed, float[] controls, float[] controlConds, List<Targets.Target> controlInfo,
    int gen, int val, int self, int ablation, List<int[]> selfRelevant) {

  int[] rows(Targets.Kind kind) {
    int start = switch (kind) {
      case GEN -> 0;
      case VAL -> gen;
      case SELF -> gen + val;
    };
    int n = switch (kind) {
      case GEN -> gen;
      case VAL -> val;
      case SELF -> self;
    };
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = start + i;
    }
    return r;
  }

  /** Images of the ablation targets, then the controls (the images regenerated after removal). */
  float[] ablationImages(int imageSize) {
    float[] out = new float[(ablation + controlInfo.size()) * imageSize];
    System.arraycopy(attributed.images(), 0, out, 0, ablation * imageSize);
    System.arraycopy(controls, 0, out, ablation * imageSize, controls.length);
    return out;
  }

  /** Noise seeds of the ablation targets, then the controls. */
  long[] ablationSeeds() {
    List<Long> s = new ArrayList<>();
    for (int i = 0; i < ablation; i++) {
      s.add(attributed.info().get(i).noiseSeed());
    }
    controlInfo.forEach(t -> s.add(t.noiseSeed()));
    return s.stream().mapToLong(Long::longValue).toArray();
  }

  /** Conditions of the ablation targets, then the controls (null if unconditional). */
  float[] ablationConds(int condDim) {
    if (condDim == 0) {
      return null;
    }
    float[] out = new float[(ablation + controlInfo.size()) * condDim];
    System.arraycopy(attributed.conds(), 0, out, 0, ablation * condDim);
    System.arraycopy(controlConds, 0, out, ablation * condDim, controlConds.length);
    return out;
  }
}
