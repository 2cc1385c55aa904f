package org.tdabench.benchmark.ablation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;

/**
 * The ablation's intervals mean what they say: on data simulated with the variance components
 * measured on the small preset (in log(1 - SSIM): a retraining-level shift shared by that
 * retraining's targets and controls, SD 0.44; an image's own noise, SD 0.48; a per-image fragility
 * shared across retrainings, SD 0.25), the 95 % intervals of the target AUC against the size-matched
 * random removal, of the within-model specificity and of its paired difference to the matched random
 * removal's cover their truths 93-97 % of the time (with 3 and with 5 seeds).
 */
class AblationCoverageTest {
  static final int TARGETS = 8;
  static final int CONTROLS = 8;
  static final double EFFECT = 0.66; // the target shift that makes the population AUC about 0.75

  /** One seed: the method's retraining and its matched random retraining, SSIM only. */
  static SeedInput seed(CounterRng r) {
    double[] fragT = new double[TARGETS];
    double[] fragC = new double[CONTROLS];
    for (int i = 0; i < TARGETS; i++) {
      fragT[i] = 0.25 * r.nextGaussian();
    }
    for (int i = 0; i < CONTROLS; i++) {
      fragC[i] = 0.25 * r.nextGaussian();
    }
    List<int[]> topK = List.of(new int[] {0}, new int[] {1}, new int[] {2});
    return new SeedInput(retraining(r, fragT, fragC, EFFECT), retraining(r, fragT, fragC, 0), topK,
        RemovalSet.union(topK, 10));
  }

  static Similarities retraining(CounterRng r, double[] fragT, double[] fragC, double effect) {
    double u = 0.44 * r.nextGaussian();
    double[] t = new double[TARGETS];
    double[] c = new double[CONTROLS];
    for (int i = 0; i < TARGETS; i++) {
      t[i] = 1 - Math.exp(-3 + u + fragT[i] + effect + 0.48 * r.nextGaussian());
    }
    for (int i = 0; i < CONTROLS; i++) {
      c[i] = 1 - Math.exp(-3 + u + fragC[i] + 0.48 * r.nextGaussian());
    }
    return new Similarities(Map.of("ssim", t), Map.of("ssim", c));
  }

  static AblationSummary run(SeedTree s, int seeds) {
    List<SeedInput> in = new ArrayList<>();
    for (int k = 0; k < seeds; k++) {
      in.add(seed(s.child("seed", k).rng()));
    }
    Map<String, List<SeedInput>> m = new LinkedHashMap<>();
    m.put("method", in);
    return new AblationAnalysis(List.of(new Ssim()), 0.95).analyse(m);
  }

  @Test
  void seedLevelIntervalsCover() {
    SeedTree root = SeedTree.root(2026);
    for (int seeds : new int[] {3, 5}) {
      double truthAuc = 0;
      double truthSpec = 0;
      double truthDiff = 0;
      int truthDraws = 4000;
      for (int d = 0; d < truthDraws; d++) {
        MethodAblation a = run(root.child("truth").child("s", seeds).child("d", d), 1).method("method");
        truthAuc += a.result("ssim", Group.TARGETS).auc().value() / truthDraws;
        truthSpec += a.specificity().get("ssim").method().value() / truthDraws;
        truthDiff += a.specificity().get("ssim").vsRandom().value() / truthDraws;
      }
      int draws = 1500;
      int coverAuc = 0;
      int coverSpec = 0;
      int coverDiff = 0;
      for (int d = 0; d < draws; d++) {
        MethodAblation a = run(root.child("draw").child("s", seeds).child("d", d), seeds).method("method");
        coverAuc += a.result("ssim", Group.TARGETS).auc().contains(truthAuc) ? 1 : 0;
        coverSpec += a.specificity().get("ssim").method().contains(truthSpec) ? 1 : 0;
        coverDiff += a.specificity().get("ssim").vsRandom().contains(truthDiff) ? 1 : 0;
      }
      String what = String.format(Locale.ROOT, "%d seeds: truth AUC %.3f, specificity %.3f (vs random %.3f); "
          + "coverage %.3f, %.3f, %.3f", seeds, truthAuc, truthSpec, truthDiff, (double) coverAuc / draws,
          (double) coverSpec / draws, (double) coverDiff / draws);
      System.out.println(what);
      assertTrue(coverAuc >= 0.93 * draws && coverAuc <= 0.97 * draws, what);
      assertTrue(coverSpec >= 0.93 * draws && coverSpec <= 0.97 * draws, what);
      assertTrue(coverDiff >= 0.93 * draws && coverDiff <= 0.97 * draws, what);
    }
  }
}
