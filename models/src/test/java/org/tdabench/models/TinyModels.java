package org.tdabench.models;

import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.config.ModelPresets;

/** Helpers shared by model tests (and, through the test jar, by method tests). */
public final class TinyModels {
  private TinyModels() {}

  /**
   * TensorFlow intra-op threads for tests: 1, or {@code -Dtdabench.test.threads=N}. CI runs the
   * numerics-sensitive tests a second time with 2 threads and an ISA cap (another float path), so a
   * test must hold on any of them: assert properties with margins, never one path's exact values.
   */
  public static int threads() {
    return Integer.getInteger("tdabench.test.threads", 1);
  }

  public static ModelPreset tiny() {
    return ModelPresets.get("tiny");
  }

  public static ModelSpec tinySpec() {
    return tiny().spec();
  }

  /** A freshly initialised tiny model. */
  public static DitEdmModel fresh(long seed) {
    DitEdmModel m = DitEdmModel.create(tinySpec(), TinyModels.threads());
    m.initialize(SeedTree.root(seed));
    return m;
  }

  /** n uniform images in [-1, 1] (per-pixel second moment 1/3). */
  public static float[] uniformImages(int n, int size, long seed) {
    CounterRng r = new CounterRng(seed);
    float[] x = new float[n * size];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (2 * r.nextDouble() - 1);
    }
    return x;
  }

  /** n one-hot conditions of dimension d, class i % d. */
  public static float[] oneHot(int n, int d) {
    float[] y = new float[n * d];
    for (int i = 0; i < n; i++) {
      y[i * d + (i % d)] = 1f;
    }
    return y;
  }

  public static float[] gaussians(int n, long seed) {
    float[] e = new float[n];
    new CounterRng(seed).fillGaussian(e);
    return e;
  }
}
