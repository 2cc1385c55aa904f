package org.tdabench.benchmark.run;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tdabench.benchmark.lds.HyperparameterSelection;
import org.tdabench.benchmark.lds.SubsetMasks;
import org.tdabench.benchmark.lds.SubsetSampler;
import org.tdabench.methods.api.Scores;
import org.tdabench.methods.api.Targets;

/**
 * One hyper-parameter per method per run: a method that offers score candidates (the ridge lambda of
 * the kernel methods) gets the candidate with the best LDS on the tune family, over its gen and val
 * targets of seed 0, and that candidate is then used everywhere: the LDS, the ablation's top-k, the
 * self-retrieval recall, score ensembles and the export. Cheap to recompute, so not stored.
 */
final class Tuning {
  private Tuning() {}

  /** The chosen candidate of {@code method}, or null when it offers none. */
  static String chosen(RunContext ctx, String method) {
    String known = ctx.tuning.get(method);
    if (known != null) {
      return known;
    }
    // Not computeIfAbsent: choosing a score ensemble's candidate reads its members' choices.
    String c = choose(ctx, method);
    String prev = ctx.tuning.putIfAbsent(method, c);
    return prev != null ? prev : c;
  }

  private static String choose(RunContext ctx, String m) {
    {
      Scores s = AttributionStage.scores(ctx, m, 0);
      if (s.candidates().isEmpty()) {
        return "";
      }
      TargetSet t0 = TargetStage.targets(ctx, 0);
      int[] rows = concat(t0.rows(Targets.Kind.GEN), t0.rows(Targets.Kind.VAL));
      Map<String, float[][]> cands = new LinkedHashMap<>();
      String def = null;
      for (Map.Entry<String, float[]> e : s.candidates().entrySet()) {
        cands.put(e.getKey(), RunAnalysis.rows(s.choose(e.getKey()), rows));
        if (def == null && Arrays.equals(e.getValue(), s.values())) {
          def = e.getKey();
        }
      }
      SubsetMasks tune = LdsStage.masks(ctx, SubsetSampler.TUNE, ctx.preset.tuneSubsets());
      double[][] gt = LdsStage.groundTruthMatrix(ctx, SubsetSampler.TUNE);
      return HyperparameterSelection.choose(cands, def, tune, gt);
    }
  }

  /** The scores of {@code method} for {@code seed} with its chosen candidate as the values. */
  static Scores scores(RunContext ctx, String method, int seed) {
    Scores s = AttributionStage.scores(ctx, method, seed);
    String c = chosen(ctx, method);
    return c.isEmpty() ? s : s.choose(c);
  }

  static int[] concat(int[] a, int[] b) {
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
