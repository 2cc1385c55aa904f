package org.tdabench.benchmark.ablation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.benchmark.stats.Estimate;
import org.tdabench.benchmark.stats.Overlap;
import org.tdabench.benchmark.stats.Ratio;
import org.tdabench.benchmark.stats.RocAuc;
import org.tdabench.benchmark.stats.SeedInterval;

/**
 * The retraining ablation's statistics, seed-aware. The MUCS protocol (sony/mucs) compares a
 * method's retrained images with those of one random removal, pooling images over seeds. Here every
 * statistic is computed per seed and then averaged with an interval over seeds, because all images
 * of one retraining share its luck (the largest variance component); the reference of each method
 * is a random removal of as many images as the method removed (size-matched, same seed); and the
 * headline is the within-model contrast of targets against controls ({@link Specificity}), which
 * cancels the retraining's luck.
 */
public final class AblationAnalysis {
  private final Map<String, Boolean> isDistance = new LinkedHashMap<>();
  private final double level;

  /**
   * @param metrics the metrics measured, in report order
   * @param level coverage of the intervals
   */
  public AblationAnalysis(List<SimilarityMetric> metrics, double level) {
    for (SimilarityMetric m : metrics) {
      isDistance.put(m.name(), m.isDistance());
    }
    this.level = level;
  }

  /** Analyses every method's seeds (each method with the same number of seeds). */
  public AblationSummary analyse(Map<String, List<SeedInput>> inputs) {
    List<MethodAblation> methods = new ArrayList<>();
    int seeds = -1;
    for (Map.Entry<String, List<SeedInput>> e : inputs.entrySet()) {
      List<SeedInput> in = e.getValue();
      if (seeds >= 0 && in.size() != seeds) {
        throw new IllegalArgumentException("every method needs the same seeds: " + e.getKey() + " has " + in.size());
      }
      seeds = in.size();
      methods.add(method(e.getKey(), in));
    }
    return new AblationSummary(methods, acrossOverlap(inputs), Math.max(seeds, 0));
  }

  private MethodAblation method(String name, List<SeedInput> in) {
    int s = in.size();
    List<MetricResult> results = new ArrayList<>();
    Map<String, Specificity> spec = new LinkedHashMap<>();
    for (Group g : Group.values()) {
      for (String metric : isDistance.keySet()) {
        boolean distance = isDistance.get(metric);
        double[] auc = new double[s];
        double[] ratio = new double[s];
        List<double[]> all = new ArrayList<>();
        for (int k = 0; k < s; k++) {
          double[] x = in.get(k).method().get(g, metric);
          double[] r = in.get(k).matchedRandom().get(g, metric);
          auc[k] = RocAuc.auc(similarity(r, distance), similarity(x, distance));
          ratio[k] = meanRatio(x, r);
          all.add(x);
        }
        double[] pooled = concat(all);
        double eps = 0.5 / (in.get(0).method().get(g, metric).length * (double) in.get(0).matchedRandom().get(g, metric).length);
        results.add(new MetricResult(metric, distance, g, SeedInterval.overSeedsProbability(auc, level, eps),
            SeedInterval.overSeeds(ratio, level), mean(pooled), Ratio.median(pooled)));
      }
    }
    for (String metric : isDistance.keySet()) {
      boolean distance = isDistance.get(metric);
      double[] own = new double[s];
      double[] rnd = new double[s];
      double[] diff = new double[s];
      for (int k = 0; k < s; k++) {
        own[k] = within(in.get(k).method(), metric, distance);
        rnd[k] = within(in.get(k).matchedRandom(), metric, distance);
        diff[k] = own[k] - rnd[k];
      }
      double eps = 0.5 / (in.get(0).method().get(Group.TARGETS, metric).length
          * (double) in.get(0).method().get(Group.CONTROLS, metric).length);
      spec.put(metric, new Specificity(metric, SeedInterval.overSeedsProbability(own, level, eps),
          SeedInterval.overSeedsProbability(rnd, level, eps), SeedInterval.overSeeds(diff, level)));
    }
    int[] unions = new int[s];
    double[] overlaps = new double[s];
    for (int k = 0; k < s; k++) {
      unions[k] = in.get(k).removal().size();
      overlaps[k] = Overlap.withinPercent(in.get(k).topK(), level).value();
    }
    Estimate overlap = s == 1 ? Overlap.withinPercent(in.get(0).topK(), level) : SeedInterval.overSeeds(overlaps, level);
    return new MethodAblation(name, unions, overlap, results, spec);
  }

  /** P(a control is more alike before and after than a target), ties 1/2, inside one retraining. */
  static double within(Similarities s, String metric, boolean distance) {
    return RocAuc.auc(similarity(s.get(Group.CONTROLS, metric), distance),
        similarity(s.get(Group.TARGETS, metric), distance));
  }

  /** MUCS's Ratio % of one seed: mean of 100 (value / max(median(random), 0.01) - 1). */
  static double meanRatio(double[] method, double[] random) {
    return mean(Ratio.percent(method, random));
  }

  private static Map<String, Map<String, Estimate>> acrossOverlap(Map<String, List<SeedInput>> inputs) {
    Map<String, Map<String, Estimate>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<SeedInput>> a : inputs.entrySet()) {
      Map<String, Estimate> row = new LinkedHashMap<>();
      for (Map.Entry<String, List<SeedInput>> b : inputs.entrySet()) {
        row.put(b.getKey(), Overlap.acrossPercent(a.getValue().get(0).topK(), b.getValue().get(0).topK()));
      }
      out.put(a.getKey(), row);
    }
    return out;
  }

  /** Similarity orientation: a distance is negated so that higher always means "more alike". */
  static double[] similarity(double[] x, boolean distance) {
    if (!distance) {
      return x;
    }
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = -x[i];
    }
    return y;
  }

  private static double[] concat(List<double[]> parts) {
    int n = parts.stream().mapToInt(p -> p.length).sum();
    double[] out = new double[n];
    int o = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }
}
