package org.tdabench.methods.baselines;

import java.util.Map;
import java.util.Optional;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.EnsembleMode;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.methods.api.Scores;

/**
 * Cosine similarity of conditioning vectors (one-hot class or caption embedding); ties, such as
 * every image of the same class, are broken by pixel cosine with weight 1e-3 (our choice: it
 * cannot reorder one-hot classes, whose similarities differ by 1).
 */
public final class ConditionSimilarity implements AttributionMethod {
  static final double TIE_BREAK = 1e-3;

  @Override
  public String name() {
    return "condition";
  }

  /** The scores do not depend on the model: on an ensemble the method runs once. */
  @Override
  public EnsembleMode ensembleMode() {
    return EnsembleMode.MODEL_FREE;
  }

  @Override
  public String description() {
    return "cosine of conditioning vectors (class or caption), ties broken by pixel cosine";
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
  public Optional<String> unavailableReason(AttributionTask task) {
    return task.train().condDim() == 0 ? Optional.of("the model is unconditional: there is no condition to compare")
        : Optional.empty();
  }

  @Override
  public Scores attribute(AttributionTask task) {
    long t0 = System.nanoTime();
    int t = task.targets().size();
    int n = task.train().size();
    int cd = task.train().condDim();
    float[] c = Similarity.cosine(task.targets().conds(), t, task.train().allConds(), n, cd);
    float[] p = Similarity.cosine(task.targets().images(), t, task.train().allImages(), n, task.train().imageSize());
    float[] s = new float[t * n];
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) (c[i] + TIE_BREAK * p[i]);
    }
    double sec = (System.nanoTime() - t0) / 1e9;
    return new Scores(t, n, s, sec, new double[t], Map.of("tie_break", "pixel cosine x " + TIE_BREAK));
  }
}
