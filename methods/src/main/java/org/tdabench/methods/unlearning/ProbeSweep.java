package org.tdabench.methods.unlearning;

import org.tdabench.methods.api.ImageSet;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.ProbeSet;

/**
 * The scoring sweep both unlearning methods spend their time in: every training image at every
 * probe of a shared {@link ProbeSet}, forward only, through the model's compiled probe-loss
 * function (images fed once, probes broadcast in-graph, {@code evalBatch} forward passes per graph
 * run). Images are read in chunks so that a large training set never sits in memory whole. Counts
 * forward passes and seconds for the speed figures.
 */
final class ProbeSweep {
  private static final int CHUNK = 2048;

  private final DitEdmModel model;
  private final ImageSet set;
  private final ProbeSet probes;
  private long passes;
  private double seconds;

  ProbeSweep(DitEdmModel model, ImageSet set, ProbeSet probes) {
    this.model = model;
    this.set = set;
    this.probes = probes;
  }

  /** Losses [N][K] row-major of the set's images, or of their horizontal mirror images. */
  float[] losses(boolean flipped) {
    long t0 = System.nanoTime();
    int n = set.size();
    int k = probes.size();
    int d = set.imageSize();
    int cd = set.condDim();
    float[] out = new float[Math.multiplyExact(n, k)];
    int chunk = Math.min(CHUNK, n);
    float[] x = new float[chunk * d];
    float[] y = cd == 0 ? null : new float[chunk * cd];
    for (int start = 0; start < n; start += chunk) {
      int c = Math.min(chunk, n - start);
      float[] xs = c == chunk ? x : new float[c * d];
      float[] ys = y == null ? null : c == chunk ? y : new float[c * cd];
      set.images(start, c, xs);
      if (ys != null) {
        set.conds(start, c, ys);
      }
      if (flipped) {
        Images.flipHorizontal(xs, c, model.spec());
      }
      float[] l = model.probeLosses(xs, ys, c, probes);
      System.arraycopy(l, 0, out, start * k, c * k);
    }
    passes += (long) n * k;
    seconds += (System.nanoTime() - t0) / 1e9;
    return out;
  }

  /** Per-image mean over the probes of a [N][K] loss matrix. */
  static double[] probeMeans(float[] losses, int n, int k) {
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < k; j++) {
        s += losses[i * k + j];
      }
      m[i] = s / k;
    }
    return m;
  }

  /** Images in the swept set. */
  int size() {
    return set.size();
  }

  /** Probes per image. */
  int probeCount() {
    return probes.size();
  }

  /** Forward passes run so far. */
  long passes() {
    return passes;
  }

  /** Seconds spent so far. */
  double seconds() {
    return seconds;
  }
}
