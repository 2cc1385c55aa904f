package org.tdabench.benchmark.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tdabench.benchmark.stats.Bootstrap;
import org.tdabench.benchmark.stats.MannWhitney;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;

class AblationAnalysisTest {
  static final List<SimilarityMetric> METRICS = List.of(new Ssim(), new PixelL2());

  static double[] around(double centre, double sd, int n, String path) {
    CounterRng rng = SeedTree.root(4).child(path).rng();
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = centre + sd * rng.nextGaussian();
    }
    return out;
  }

  static AblationAnalysis.MethodInput input(String name, double targetSsim, double targetL2, List<int[]> topK) {
    Similarities s = new Similarities(
        Map.of("ssim", around(targetSsim, 0.03, 30, name + "/t/ssim"), "l2", around(targetL2, 0.5, 30, name + "/t/l2")),
        Map.of("ssim", around(0.8, 0.03, 30, name + "/c/ssim"), "l2", around(3.0, 0.5, 30, name + "/c/l2")));
    return new AblationAnalysis.MethodInput(s, topK, RemovalSet.union(topK, 100));
  }

  private AblationSummary summary() {
    Map<String, AblationAnalysis.MethodInput> in = new LinkedHashMap<>();
    in.put("random", input("random", 0.8, 3.0, List.of(new int[] {1, 2}, new int[] {3, 4}, new int[] {5, 6})));
    in.put("good", input("good", 0.65, 5.0, List.of(new int[] {1, 2}, new int[] {1, 7}, new int[] {1, 2})));
    return new AblationAnalysis(METRICS, new Bootstrap.Config(300, 0.95), SeedTree.root(1).child("ablation"))
        .analyse("random", in);
  }

  @Test
  void goodMethodBeatsRandomOnTargetsOnly() {
    AblationSummary s = summary();
    MethodAblation good = s.method("good");
    MetricResult ssimT = good.result("ssim", Group.TARGETS);
    assertTrue(ssimT.auc().value() > 0.95 && ssimT.auc().lo() > 0.5, ssimT.toString());
    assertTrue(ssimT.ratio().hi() < 0, ssimT.ratio().toString());
    MetricResult l2T = good.result("l2", Group.TARGETS);
    assertTrue(l2T.distance());
    assertTrue(l2T.auc().value() > 0.95, "distances are turned around: " + l2T);
    assertTrue(l2T.ratio().hi() < 0, "negative Ratio is better for distances too: " + l2T.ratio());
    MetricResult ssimC = good.result("ssim", Group.CONTROLS);
    assertTrue(ssimC.auc().contains(0.5), ssimC.auc().toString());
  }

  @Test
  void randomAgainstItselfIsExactlyHalf() {
    MetricResult r = summary().method("random").result("ssim", Group.TARGETS);
    assertEquals(0.5, r.auc().value(), 0);
    assertEquals(0.0, r.ratio().value(), 5.0);
  }

  @Test
  void pairwiseTestsAreOneSidedOnTargetsAndTwoSidedOnControls() {
    AblationSummary s = summary();
    assertEquals(MannWhitney.METHOD, s.pValueMethod());
    PairwiseTest goodVsRandom = s.tests().stream()
        .filter(t -> t.metric().equals("ssim") && t.group() == Group.TARGETS && t.first().equals("good"))
        .findFirst().orElseThrow();
    assertEquals(MannWhitney.Alternative.LESS, goodVsRandom.alternative());
    assertTrue(goodVsRandom.p() < 1e-6, "p = " + goodVsRandom.p());
    PairwiseTest reverse = s.tests().stream()
        .filter(t -> t.metric().equals("ssim") && t.group() == Group.TARGETS && t.first().equals("random"))
        .findFirst().orElseThrow();
    assertTrue(reverse.p() > 0.99);
    long controlTests = s.tests().stream().filter(t -> t.group() == Group.CONTROLS).count();
    assertEquals(2, controlTests); // one unordered pair per metric
    // 2 metrics x (2 ordered target pairs + 1 control pair)
    assertEquals(6, s.tests().size());
  }

  @Test
  void overlapAndRemovalBookkeeping() {
    AblationSummary s = summary();
    MethodAblation good = s.method("good");
    assertEquals(3, good.removal().size()); // {1, 2, 7}
    assertEquals(6, s.method("random").removal().size());
    // pairs: {1,2}&{1,7} 50, {1,2}&{1,2} 100, {1,7}&{1,2} 50
    assertEquals(200.0 / 3, good.withinOverlap().value(), 1e-9);
    assertEquals(0.0, s.method("random").withinOverlap().value(), 0);
    // per target: {1,2}&{1,2} 100, {3,4}&{1,7} 0, {5,6}&{1,2} 0
    assertEquals(100.0 / 3, s.acrossOverlap().get("random").get("good").value(), 1e-9);
    assertEquals(100.0, s.acrossOverlap().get("good").get("good").value(), 1e-9);
  }

  @Test
  void measuresImagesPairwiseAndPoolsRuns() {
    Images before = new Images(2, 8, 8, 1, new float[128]);
    float[] d = new float[128];
    for (int i = 64; i < 128; i++) {
      d[i] = 0.5f;
    }
    Images after = new Images(2, 8, 8, 1, d);
    Similarities s = Similarities.measure(METRICS, before, after, before, before);
    assertEquals(1.0, s.get(Group.TARGETS, "ssim")[0], 1e-12);
    assertEquals(0.0, s.get(Group.TARGETS, "l2")[0], 0);
    assertEquals(8.0, s.get(Group.TARGETS, "l2")[1], 1e-9); // 2 * 0.5 * sqrt(64)
    Similarities pooled = s.concat(s);
    assertEquals(4, pooled.get(Group.CONTROLS, "ssim").length);
  }
}
