package org.tdabench.methods.baselines;

import java.util.Map;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.EnsembleMode;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.methods.api.Scores;

/** Cosine similarity of images in [-1, 1] pixel space (D-TRAK's "pixel" baseline, cosine variant). */
public final class PixelSimilarity implements AttributionMethod {
  @Override
  public String name() {
    return "pixel";
  }

  /** The scores do not depend on the model: on an ensemble the method runs once. */
  @Override
  public EnsembleMode ensembleMode() {
    return EnsembleMode.MODEL_FREE;
  }

  @Override
  public String description() {
    return "cosine similarity of images in [-1, 1] pixel space";
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public MethodOptions.Schema options() {
    return new MethodOptions.Schema();
  }

  @Override
  public Scores attribute(AttributionTask task) {
    long t0 = System.nanoTime();
    int t = task.targets().size();
    int n = task.train().size();
    int d = task.train().imageSize();
    float[] s = Similarity.cosine(task.targets().images(), t, task.train().allImages(), n, d);
    double sec = (System.nanoTime() - t0) / 1e9;
    return new Scores(t, n, s, sec, new double[t], Map.of("space", "pixels in [-1,1]", "similarity", "cosine"));
  }
}
