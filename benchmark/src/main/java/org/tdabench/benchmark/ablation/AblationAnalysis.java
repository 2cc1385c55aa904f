package org.tdabench.benchmark.ablation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.benchmark.stats.Bootstrap;
import org.tdabench.benchmark.stats.Estimate;
import org.tdabench.benchmark.stats.MannWhitney;
import org.tdabench.benchmark.stats.Overlap;
import org.tdabench.benchmark.stats.Ratio;
import org.tdabench.benchmark.stats.RocAuc;
import org.tdabench.core.SeedTree;

/**
 * The MUCS retraining-ablation statistics on plain arrays (the MUCS
 * protocol, sony/mucs): per method, metric and group, AUC and Ratio % against random removal;
 * Mann-Whitney p-values between every pair of methods; overlap of top-k lists within and across
 * methods.
 */
public final class AblationAnalysis {

  /**
   * One method's ablation ingredients.
   *
   * @param similarities per-image metric values (targets and controls)
   * @param topK per-target top-k lists of the method (same target order for every method)
   * @param removal the union it removed
   */
  public record MethodInput(Similarities similarities, List<int[]> topK, RemovalSet removal) {}

  private final Bootstrap.Config bootstrap;
  private final SeedTree seeds;
  private final Map<String, Boolean> isDistance = new LinkedHashMap<>();

  /**
   * @param metrics the metrics measured, in report order
   * @param bootstrap settings of the AUC intervals
   * @param seeds the node the AUC bootstraps draw from (one child per method, metric and group)
   */
  public AblationAnalysis(List<SimilarityMetric> metrics, Bootstrap.Config bootstrap, SeedTree seeds) {
    for (SimilarityMetric m : metrics) {
      isDistance.put(m.name(), m.isDistance());
    }
    this.bootstrap = bootstrap;
    this.seeds = seeds;
  }

  /** Analyses all methods; {@code inputs} must contain {@code randomMethod}. */
  public AblationSummary analyse(String randomMethod, Map<String, MethodInput> inputs) {
    MethodInput random = inputs.get(randomMethod);
    if (random == null) {
      throw new IllegalArgumentException("the reference method '" + randomMethod + "' has no ablation");
    }
    List<MethodAblation> methods = new ArrayList<>();
    for (Map.Entry<String, MethodInput> e : inputs.entrySet()) {
      List<MetricResult> results = new ArrayList<>();
      for (Group g : Group.values()) {
        for (String metric : isDistance.keySet()) {
          results.add(metricResult(e.getKey(), metric, g, e.getValue().similarities(), random.similarities()));
        }
      }
      Estimate within = Overlap.withinPercent(e.getValue().topK());
      methods.add(new MethodAblation(e.getKey(), e.getValue().removal(), within, results));
    }
    return new AblationSummary(randomMethod, methods, pairwise(inputs), acrossOverlap(inputs), MannWhitney.METHOD);
  }

  private MetricResult metricResult(String method, String metric, Group g, Similarities mine, Similarities random) {
    boolean distance = isDistance.get(metric);
    double[] x = mine.get(g, metric);
    double[] r = random.get(g, metric);
    double[] sx = distance ? negate(x) : x;
    double[] sr = distance ? negate(r) : r;
    Bootstrap b = new Bootstrap(bootstrap, seeds.child(method).child(metric).child(g.id()));
    Estimate auc = RocAuc.withInterval(sr, sx, b).withN(x.length);
    Estimate ratio = distance ? Ratio.distancePercent(x, r) : Ratio.similarityPercent(x, r);
    return new MetricResult(metric, distance, g, auc, ratio, mean(x), Ratio.median(x));
  }

  private List<PairwiseTest> pairwise(Map<String, MethodInput> inputs) {
    List<PairwiseTest> out = new ArrayList<>();
    List<String> names = new ArrayList<>(inputs.keySet());
    for (String metric : isDistance.keySet()) {
      boolean distance = isDistance.get(metric);
      for (Group g : Group.values()) {
        for (int a = 0; a < names.size(); a++) {
          for (int b = 0; b < names.size(); b++) {
            // targets: ordered pairs, one-sided; controls: unordered pairs, two-sided
            if (a == b || (g == Group.CONTROLS && b < a)) {
              continue;
            }
            double[] x = inputs.get(names.get(a)).similarities().get(g, metric);
            double[] y = inputs.get(names.get(b)).similarities().get(g, metric);
            if (distance) {
              x = negate(x);
              y = negate(y);
            }
            MannWhitney.Alternative alt =
                g == Group.TARGETS ? MannWhitney.Alternative.LESS : MannWhitney.Alternative.TWO_SIDED;
            out.add(new PairwiseTest(metric, g, names.get(a), names.get(b), alt, MannWhitney.test(x, y, alt).p()));
          }
        }
      }
    }
    return out;
  }

  private static Map<String, Map<String, Estimate>> acrossOverlap(Map<String, MethodInput> inputs) {
    Map<String, Map<String, Estimate>> out = new LinkedHashMap<>();
    for (Map.Entry<String, MethodInput> a : inputs.entrySet()) {
      Map<String, Estimate> row = new LinkedHashMap<>();
      for (Map.Entry<String, MethodInput> b : inputs.entrySet()) {
        row.put(b.getKey(), Overlap.acrossPercent(a.getValue().topK(), b.getValue().topK()));
      }
      out.put(a.getKey(), row);
    }
    return out;
  }

  private static double[] negate(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = -x[i];
    }
    return y;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }
}
