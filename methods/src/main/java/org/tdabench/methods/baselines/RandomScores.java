package org.tdabench.methods.baselines;

import java.util.Map;
import org.tdabench.core.CounterRng;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.EnsembleMode;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.methods.api.Scores;

/** i.i.d. uniform scores from the seed tree: the floor every method must beat (LDS ~ 0, AUC 0.5). */
public final class RandomScores implements AttributionMethod {
  @Override
  public String name() {
    return "random";
  }

  /** The scores do not depend on the model: on an ensemble the method runs once. */
  @Override
  public EnsembleMode ensembleMode() {
    return EnsembleMode.MODEL_FREE;
  }

  @Override
  public String description() {
    return "i.i.d. uniform scores from the seed tree (the reference floor)";
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
    float[] s = new float[t * n];
    for (int p = 0; p < t; p++) {
      CounterRng r = task.seeds().child("target", p).rng();
      for (int i = 0; i < n; i++) {
        s[p * n + i] = (float) r.nextDouble();
      }
    }
    double sec = (System.nanoTime() - t0) / 1e9;
    return new Scores(t, n, s, sec, new double[t], Map.of("distribution", "uniform[0,1)"));
  }
}
