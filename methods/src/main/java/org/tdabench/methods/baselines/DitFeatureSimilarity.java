package org.tdabench.methods.baselines;

import java.util.Arrays;
import java.util.Map;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.methods.api.Scores;
import org.tdabench.models.DitEdmModel;

/**
 * Cosine similarity of the attributed DiT's own features: the mean patch token after the final
 * layer at a fixed noise level, clean input (eps = 0) and the image's condition (our built-in
 * variant of the feature baseline; needs no external backbone).
 */
public final class DitFeatureSimilarity implements AttributionMethod {
  @Override
  public String name() {
    return "dit-feature";
  }

  @Override
  public String description() {
    return "cosine of the attributed model's mean patch token at a fixed sigma (built-in backbone)";
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public MethodOptions.Schema options() {
    return new MethodOptions.Schema().add("sigma", 0.5, "noise level at which features are read (input not noised)");
  }

  @Override
  public void checkOptions(MethodOptions options) {
    sigma(options);
  }

  private static double sigma(MethodOptions o) {
    double sigma = o.getDouble("sigma");
    if (!(sigma > 0)) {
      throw o.bad("sigma", "a positive number");
    }
    return sigma;
  }

  @Override
  public Scores attribute(AttributionTask task) {
    long t0 = System.nanoTime();
    double sigma = sigma(task.options());
    int t = task.targets().size();
    int n = task.train().size();
    int w = task.spec().arch().width();
    float[] ft;
    float[] fn;
    // One graph for both sets, no larger than the larger set (a default-sized graph would pad a
    // handful of images to 64).
    try (DitEdmModel m = task.openModel()) {
      m.withEvalBatch(Math.max(1, Math.min(m.evalBatch(), Math.max(t, n))));
      ft = features(m, task.targets().images(), task.targets().conds(), t, sigma);
      fn = features(m, task.train().allImages(), task.train().allConds(), n, sigma);
    }
    float[] s = Similarity.cosine(ft, t, fn, n, w);
    double sec = (System.nanoTime() - t0) / 1e9;
    return new Scores(t, n, s, sec, new double[t], Map.of("sigma", sigma, "features", "mean patch token"));
  }

  private static float[] features(DitEdmModel m, float[] x, float[] y, int n, double sigma) {
    float[] s = new float[n];
    Arrays.fill(s, (float) sigma);
    return m.features(x, y, s, new float[x.length], n);
  }
}
