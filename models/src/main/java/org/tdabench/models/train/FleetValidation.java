package org.tdabench.models.train;

import java.util.Arrays;
import java.util.List;

/**
 * Validation losses of a fleet's EMA models, computed together: each call evaluates
 * {@code valBatch} images of every model being validated (model f in rows f x valBatch ...), each
 * model on its own validation set; a model's loss is the mean over its set of the per-image losses
 * (summed in set order, in double precision).
 */
final class FleetValidation {
  private FleetValidation() {}

  /** Mean validation loss of each model in {@code which}; NaN for the others. */
  static double[] losses(FleetGraph g, List<MemberRun> runs, List<Integer> which) {
    int models = runs.size();
    int vb = g.valBatch;
    int d = g.spec.imageSize();
    int cd = g.spec.condDim();
    float[] xs = new float[models * vb * d];
    float[] ys = new float[models * vb * Math.max(cd, 1)];
    float[] ss = new float[models * vb];
    float[] es = new float[models * vb * d];
    // Rows of models not validated in a call are evaluated and ignored: sigma 1 keeps them finite.
    Arrays.fill(ss, 1f);
    double[] sums = new double[models];
    int chunks = 0;
    for (int f : which) {
      chunks = Math.max(chunks, runs.get(f).val.chunks(vb));
    }
    for (int c = 0; c < chunks; c++) {
      for (int f : which) {
        ValidationSet v = runs.get(f).val;
        if (c < v.chunks(vb)) {
          v.copyChunk(c, vb, f * vb, d, cd, xs, ys, ss, es);
        }
      }
      float[] l = g.validate(xs, ys, ss, es);
      for (int f : which) {
        ValidationSet v = runs.get(f).val;
        int count = Math.min(vb, v.n - c * vb);
        for (int i = 0; i < count; i++) {
          sums[f] += l[f * vb + i];
        }
      }
    }
    double[] out = new double[models];
    Arrays.fill(out, Double.NaN);
    for (int f : which) {
      out[f] = sums[f] / runs.get(f).val.n;
    }
    return out;
  }
}
