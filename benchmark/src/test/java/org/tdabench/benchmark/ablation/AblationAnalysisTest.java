package org.tdabench.benchmark.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;

class AblationAnalysisTest {
  static final List<SimilarityMetric> METRICS = List.of(new Ssim(), new PixelL2());

  static double[] around(double centre, double sd, int n, CounterRng rng) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = centre + sd * rng.nextGaussian();
    }
    return out;
  }

  /** Similarities of one retraining: targets at {@code target}, controls at {@code control}. */
  static Similarities sims(double target, double control, double l2Target, CounterRng r) {
    return new Similarities(Map.of("ssim", around(target, 0.03, 20, r), "l2", around(l2Target, 0.5, 20, r)),
        Map.of("ssim", around(control, 0.03, 20, r), "l2", around(3.0, 0.5, 20, r)));
  }

  /** Seeds of a method whose removal lowers its targets' SSIM by {@code effect}; each seed's retraining shifts all. */
  static List<SeedInput> seeds(String name, double effect, int s, List<int[]> topK) {
    List<SeedInput> out = new ArrayList<>();
    for (int k = 0; k < s; k++) {
      CounterRng r = SeedTree.root(4).child(name).child("seed", k).rng();
      double luck = 0.04 * r.nextGaussian(); // the retraining moves targets and controls together
      out.add(new SeedInput(sims(0.8 + luck - effect, 0.8 + luck, 3.0 + 20 * effect, r),
          sims(0.8 + luck, 0.8 + luck, 3.0, r), topK, RemovalSet.union(topK, 100)));
    }
    return out;
  }

  private AblationSummary summary(int s) {
    Map<String, List<SeedInput>> in = new LinkedHashMap<>();
    in.put("random", seeds("random", 0, s, List.of(new int[] {1, 2}, new int[] {3, 4}, new int[] {5, 6})));
    in.put("good", seeds("good", 0.15, s, List.of(new int[] {1, 2}, new int[] {1, 7}, new int[] {1, 2})));
    return new AblationAnalysis(METRICS, 0.95).analyse(in);
  }

  @Test
  void goodMethodIsSpecificAndBeatsItsSizeMatchedRandom() {
    AblationSummary s = summary(4);
    MethodAblation good = s.method("good");
    Specificity spec = good.specificity().get("ssim");
    assertTrue(spec.method().value() > 0.95 && spec.method().lo() > 0.5, spec.toString());
    assertTrue(spec.vsRandom().lo() > 0, spec.vsRandom().toString());
    assertTrue(spec.matchedRandom().contains(0.5), "a random removal is not specific: " + spec.matchedRandom());
    MetricResult ssimT = good.result("ssim", Group.TARGETS);
    assertTrue(ssimT.auc().value() > 0.95 && ssimT.auc().lo() > 0.5, ssimT.toString());
    assertTrue(ssimT.ratio().hi() < 0, ssimT.ratio().toString());
    MetricResult l2T = good.result("l2", Group.TARGETS);
    assertTrue(l2T.distance());
    assertTrue(l2T.auc().value() > 0.95, "distances are turned around for the AUC: " + l2T);
    assertTrue(l2T.ratio().lo() > 0, "a distance's Ratio keeps its sign: larger is more change " + l2T.ratio());
    assertEquals(4, ssimT.auc().n(), "n counts seeds, the independent repetitions");
    assertTrue(ssimT.auc().interval().contains("seeds"), ssimT.auc().interval());
  }

  @Test
  void oneSeedHasNoIntervalAndSaysSo() {
    MetricResult r = summary(1).method("good").result("ssim", Group.TARGETS);
    assertTrue(Double.isNaN(r.auc().lo()) && r.auc().interval().contains("one retraining"), r.auc().toString());
  }

  @Test
  void overlapAndRemovalBookkeeping() {
    AblationSummary s = summary(2);
    MethodAblation good = s.method("good");
    assertEquals(3, good.meanUnionSize()); // {1, 2, 7}
    assertEquals(6, s.method("random").meanUnionSize());
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
