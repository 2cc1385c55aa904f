package org.tdabench.benchmark.lds;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tdabench.core.SeedTree;

/**
 * Chooses a method's hyper-parameter (ridge lambda, step count, ...) by LDS on the tune family and
 * reports the choice's LDS on the eval family, so the reported number never saw its own subsets.
 * The optimistic value D-TRAK reports (best lambda on the evaluation subsets)
 * is computed too, for comparison, and labelled as such.
 */
public final class HyperparameterSelection {
  private final Lds lds;
  private final Lds optimisticLds;

  /**
   * @param lds computes the eval-family LDS of the chosen candidate
   * @param optimisticLds computes the optimistic value (a separate bootstrap node keeps its intervals
   *     independent of the chosen candidate's)
   */
  public HyperparameterSelection(Lds lds, Lds optimisticLds) {
    this.lds = lds;
    this.optimisticLds = optimisticLds;
  }

  /** Both calculators on the bootstrap nodes {@code seeds/tuned} and {@code seeds/optimistic}. */
  public static HyperparameterSelection of(org.tdabench.benchmark.stats.Bootstrap.Config cfg, SeedTree seeds) {
    return new HyperparameterSelection(new Lds(cfg, seeds.child("tuned")), new Lds(cfg, seeds.child("optimistic")));
  }

  /**
   * @param candidates score matrices (T x N) by candidate name, in a stable order (ties go to the
   *     first)
   * @param tune the tune family's masks and ground truth (M_tune x T)
   * @param eval the eval family's masks and ground truth (M_eval x T)
   */
  public TunedLds select(
      Map<String, float[][]> candidates,
      SubsetMasks tune,
      double[][] tuneGroundTruth,
      SubsetMasks eval,
      double[][] evalGroundTruth) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no candidates to choose from");
    }
    if (tune.family().equals(eval.family())) {
      throw new IllegalArgumentException("tuning and evaluation use the same subset family '" + eval.family() + "'");
    }
    Map<String, Double> tuneMeans = new LinkedHashMap<>();
    Map<String, Double> evalMeans = new LinkedHashMap<>();
    String chosen = null;
    String optimistic = null;
    for (Map.Entry<String, float[][]> c : candidates.entrySet()) {
      double tm = Lds.meanOnly(tune, tuneGroundTruth, c.getValue());
      double em = Lds.meanOnly(eval, evalGroundTruth, c.getValue());
      tuneMeans.put(c.getKey(), tm);
      evalMeans.put(c.getKey(), em);
      if (chosen == null || tm > tuneMeans.get(chosen)) {
        chosen = c.getKey();
      }
      if (optimistic == null || em > evalMeans.get(optimistic)) {
        optimistic = c.getKey();
      }
    }
    LdsResult evalResult = lds.evaluate(eval, evalGroundTruth, candidates.get(chosen));
    LdsResult optimisticResult = optimisticLds.evaluate(eval, evalGroundTruth, candidates.get(optimistic));
    return new TunedLds(chosen, tuneMeans, evalResult, evalMeans, optimistic, optimisticResult);
  }
}
