package org.tdabench.benchmark.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.benchmark.lds.HyperparameterSelection;
import org.tdabench.benchmark.lds.Lds;
import org.tdabench.benchmark.lds.LdsResult;
import org.tdabench.benchmark.lds.SubsetMasks;
import org.tdabench.benchmark.lds.SubsetSampler;
import org.tdabench.benchmark.lds.TunedLds;
import org.tdabench.benchmark.stats.Estimate;
import org.tdabench.methods.api.Scores;
import org.tdabench.methods.api.Targets;

/**
 * The LDS side of a run: every method on the eval family, gen and val targets, with its chosen
 * hyper-parameter ({@link Tuning}); every method's paired difference to random and to every other
 * method on the same subsets and targets; the optimistic best-on-eval value, labelled.
 */
final class LdsAnalysis {
  /**
   * One method's LDS.
   *
   * @param gen eval-family LDS on generated targets
   * @param val on held-out targets, or null
   * @param genVsRandom paired difference to random on gen targets (null for random itself)
   * @param valVsRandom the same on val targets
   * @param tunedGen candidate choice and optimistic value on gen (null without candidates)
   * @param tunedVal the same on val
   * @param tuneGen the reported scores' LDS on the tune family, gen targets: where method-level
   *     choices (a default sigma grid, say) are made, never on the eval family
   * @param tuneVal the same on val targets, or null
   */
  record MethodLds(String method, LdsResult gen, LdsResult val, Estimate genVsRandom, Estimate valVsRandom,
      TunedLds tunedGen, TunedLds tunedVal, LdsResult tuneGen, LdsResult tuneVal) {}

  /**
   * @param methods per method, in leaderboard order
   * @param pairwiseGen A -> B -> LDS_gen(A) - LDS_gen(B), paired
   */
  record Result(Map<String, MethodLds> methods, Map<String, Map<String, Estimate>> pairwiseGen) {}

  private LdsAnalysis() {}

  static Result analyse(RunContext ctx, List<String> methods, double level) {
    var p = ctx.preset;
    TargetSet t0 = TargetStage.targets(ctx, 0);
    int gen = t0.gen();
    int val = t0.val();
    SubsetMasks evalMasks = LdsStage.masks(ctx, SubsetSampler.EVAL, p.ldsSubsets());
    SubsetMasks tuneMasks = LdsStage.masks(ctx, SubsetSampler.TUNE, p.tuneSubsets());
    double[][] evalGt = LdsStage.groundTruthMatrix(ctx, SubsetSampler.EVAL);
    double[][] tuneGt = LdsStage.groundTruthMatrix(ctx, SubsetSampler.TUNE);
    double[][] evalGen = RunAnalysis.columns(evalGt, 0, gen);
    double[][] evalVal = RunAnalysis.columns(evalGt, gen, gen + val);
    double[][] tuneGen = RunAnalysis.columns(tuneGt, 0, gen);
    double[][] tuneVal = RunAnalysis.columns(tuneGt, gen, gen + val);
    Lds lds = new Lds(level);
    HyperparameterSelection sel = new HyperparameterSelection(lds);
    int[] genRows = t0.rows(Targets.Kind.GEN);
    int[] valRows = t0.rows(Targets.Kind.VAL);
    Map<String, MethodLds> out = new LinkedHashMap<>();
    for (String m : methods) {
      Scores raw = AttributionStage.scores(ctx, m, 0);
      String chosen = Tuning.chosen(ctx, m);
      LdsResult lg;
      LdsResult lv = null;
      TunedLds tg = null;
      TunedLds tv = null;
      if (chosen.isEmpty()) {
        lg = lds.evaluate(evalMasks, evalGen, RunAnalysis.rows(raw, genRows));
        if (val > 0) {
          lv = lds.evaluate(evalMasks, evalVal, RunAnalysis.rows(raw, valRows));
        }
      } else {
        Map<String, float[][]> cg = new LinkedHashMap<>();
        Map<String, float[][]> cv = new LinkedHashMap<>();
        for (String c : raw.candidates().keySet()) {
          cg.put(c, RunAnalysis.rows(raw.choose(c), genRows));
          cv.put(c, RunAnalysis.rows(raw.choose(c), valRows));
        }
        tg = sel.evaluate(chosen, cg, tuneMasks, tuneGen, evalMasks, evalGen);
        lg = tg.eval();
        if (val > 0) {
          tv = sel.evaluate(chosen, cv, tuneMasks, tuneVal, evalMasks, evalVal);
          lv = tv.eval();
        }
      }
      Scores reported = chosen.isEmpty() ? raw : raw.choose(chosen);
      LdsResult ug = lds.evaluate(tuneMasks, tuneGen, RunAnalysis.rows(reported, genRows));
      LdsResult uv = val > 0 ? lds.evaluate(tuneMasks, tuneVal, RunAnalysis.rows(reported, valRows)) : null;
      out.put(m, new MethodLds(m, lg, lv, null, null, tg, tv, ug, uv));
    }
    MethodLds random = out.get("random");
    Map<String, Map<String, Estimate>> pairwise = new LinkedHashMap<>();
    for (String a : methods) {
      MethodLds ma = out.get(a);
      if (random != null && !a.equals("random")) {
        out.put(a, new MethodLds(a, ma.gen(), ma.val(), ma.gen().minus(random.gen()),
            ma.val() == null ? null : ma.val().minus(random.val()), ma.tunedGen(), ma.tunedVal(), ma.tuneGen(),
            ma.tuneVal()));
      }
      Map<String, Estimate> row = new LinkedHashMap<>();
      for (String b : methods) {
        if (!a.equals(b)) {
          row.put(b, ma.gen().minus(out.get(b).gen()));
        }
      }
      pairwise.put(a, row);
    }
    return new Result(out, pairwise);
  }

  /** In words, whether a paired difference to random separates the method from it. */
  static String verdict(Estimate vsRandom) {
    if (vsRandom == null || Double.isNaN(vsRandom.lo())) {
      return vsRandom == null ? "reference" : "no interval";
    }
    if (vsRandom.lo() > 0) {
      return "beats random";
    }
    if (vsRandom.hi() < 0) {
      return "worse than random";
    }
    return vsRandom.hi() < Verdicts.MEANINGFUL ? "no effect above " + Verdicts.MEANINGFUL : "not separated";
  }
}
