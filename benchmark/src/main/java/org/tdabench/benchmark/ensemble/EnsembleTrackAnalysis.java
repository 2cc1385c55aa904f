package org.tdabench.benchmark.ensemble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.stat.correlation.PearsonsCorrelation;
import org.tdabench.benchmark.ablation.TopK;
import org.tdabench.benchmark.retrieval.RecallAtK;
import org.tdabench.benchmark.stats.Bootstrap;
import org.tdabench.benchmark.stats.Estimate;
import org.tdabench.benchmark.stats.SeedInterval;
import org.tdabench.benchmark.stats.Spearman;

/**
 * Scores every method of the encoded-ensemble track against the exact leave-one-out
 * counterfactuals: per target, Spearman's rho between the method's scores and (a) the distance the
 * sample moves when the sample's members are dropped, (b) the target's loss change; the mean over
 * targets with a Student-t interval over targets; the paired difference to random on
 * the same targets (per-target differences); and recall@k of the exact top-k (by
 * distance). A target whose correlation is undefined (constant scores) is counted and left out,
 * never averaged in as 0.
 *
 * <p>The intervals resample targets only: the ensemble is one training draw shared by every
 * target, so they describe this ensemble, not the spread over retrained ensembles.
 */
public final class EnsembleTrackAnalysis {
  private final Bootstrap.Config boot;
  private final int recallK;

  public EnsembleTrackAnalysis(Bootstrap.Config boot, int recallK) {
    this.boot = boot;
    this.recallK = recallK;
  }

  /** The exact counterfactual ground truth: [target][sample]. */
  public record GroundTruth(double[][] distance, double[][] lossChange) {
    public GroundTruth {
      if (distance.length != lossChange.length) {
        throw new IllegalArgumentException("one row per target in both ground truths");
      }
    }

    public int targets() {
      return distance.length;
    }
  }

  /**
   * One method's row.
   *
   * @param rhoDistance mean per-target Spearman against the exact distance
   * @param rhoLoss mean per-target Spearman against the exact loss change
   * @param vsRandom mean paired difference of rhoDistance to random on the same targets (null for
   *     random itself)
   * @param verdict "above random", "below random" or "does not separate" (the interval of vsRandom
   *     excludes 0 or not)
   * @param recall mean recall@k of the exact top-k by distance
   * @param undefined targets whose distance correlation is undefined (left out)
   * @param perTarget the per-target correlations against the distance (NaN where undefined)
   */
  public record MethodResult(String method, Estimate rhoDistance, Estimate rhoLoss, Estimate vsRandom,
      String verdict, Estimate recall, int undefined, double[] perTarget) {}

  /**
   * How well the first-order estimate tracks the exact counterfactual (the paper's claim).
   *
   * @param spearman mean per-target Spearman of first-order vs exact distances
   * @param pearson mean per-target Pearson of the same
   * @param medianRatio median over targets and samples of first-order / exact distance
   */
  public record Agreement(Estimate spearman, Estimate pearson, double medianRatio) {}

  /** The whole track. */
  public record Result(List<MethodResult> methods, Agreement agreement, int targets, int samples) {
    public MethodResult method(String name) {
      return methods.stream().filter(m -> m.method().equals(name)).findFirst().orElse(null);
    }
  }

  /**
   * Analyses every method's scores ([target][sample], higher = more influential) against the
   * ground truth; {@code scores} must contain {@link EnsembleTrackConfig#REFERENCE}.
   */
  public Result analyse(GroundTruth gt, Map<String, float[][]> scores) {
    if (!scores.containsKey(EnsembleTrackConfig.REFERENCE)) {
      throw new IllegalArgumentException("the track needs random's scores as the paired reference");
    }
    int t = gt.targets();
    int n = gt.distance()[0].length;
    double[] random = perTarget(scores.get(EnsembleTrackConfig.REFERENCE), gt.distance());
    List<MethodResult> out = new ArrayList<>();
    for (Map.Entry<String, float[][]> e : ordered(scores).entrySet()) {
      String m = e.getKey();
      float[][] s = e.getValue();
      if (s.length != t || s[0].length != n) {
        throw new IllegalArgumentException(m + " scored " + s.length + " x " + s[0].length + ", expected " + t + " x "
            + n);
      }
      double[] rd = perTarget(s, gt.distance());
      double[] rl = perTarget(s, gt.lossChange());
      Estimate dist = mean(rd, -1, 1);
      Estimate loss = mean(rl, -1, 1);
      Estimate vs = null;
      String verdict = "";
      if (!m.equals(EnsembleTrackConfig.REFERENCE)) {
        double[] diff = new double[t];
        for (int i = 0; i < t; i++) {
          diff[i] = rd[i] - random[i];
        }
        vs = mean(diff, -2, 2);
        verdict = verdict(vs);
      }
      int[][] relevant = new int[t][];
      for (int i = 0; i < t; i++) {
        relevant[i] = TopK.of(toFloats(gt.distance()[i]), Math.min(recallK, n));
      }
      double[] rec = RecallAtK.perTarget(s, relevant, Math.min(recallK, n));
      Estimate recall = mean(rec, 0, 1);
      int undefined = (int) Arrays.stream(rd).filter(Double::isNaN).count();
      out.add(new MethodResult(m, dist, loss, vs, verdict, recall, undefined, rd));
    }
    Agreement agreement = null;
    float[][] fo = scores.get(EnsembleTrackConfig.METHOD);
    if (fo != null) {
      agreement = agreement(fo, gt.distance());
    }
    return new Result(out, agreement, t, n);
  }

  /** Per-target Spearman of scores against a ground-truth row (NaN where undefined). */
  static double[] perTarget(float[][] scores, double[][] gt) {
    double[] out = new double[gt.length];
    for (int t = 0; t < gt.length; t++) {
      out[t] = Spearman.correlation(toDoubles(scores[t]), gt[t]);
    }
    return out;
  }

  /** "above random" / "below random" when the paired interval excludes 0, else "does not separate". */
  static String verdict(Estimate paired) {
    if (paired.lo() > 0) {
      return "above random";
    }
    if (paired.hi() < 0) {
      return "below random";
    }
    return "does not separate";
  }

  /**
   * Mean over the defined entries with a Student-t interval over them, its ends kept inside the
   * statistic's range [min, max] (a correlation cannot pass 1).
   */
  private Estimate mean(double[] xs, double min, double max) {
    double[] defined = Arrays.stream(xs).filter(Double::isFinite).toArray();
    if (defined.length == 0) {
      return new Estimate(Double.NaN, Double.NaN, Double.NaN, 0, "no defined target");
    }
    // Targets of one fixed ensemble with an exact ground truth are independent units; with the
    // track's handful of targets a percentile bootstrap under-covers, a t interval does not.
    Estimate e = SeedInterval.overUnits(defined, boot.level(), "targets");
    return new Estimate(e.value(), Math.max(min, e.lo()), Math.min(max, e.hi()), e.n(), e.interval());
  }

  private Agreement agreement(float[][] firstOrder, double[][] exact) {
    int t = exact.length;
    double[] sp = new double[t];
    double[] pe = new double[t];
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < t; i++) {
      double[] f = toDoubles(firstOrder[i]);
      sp[i] = Spearman.correlation(f, exact[i]);
      pe[i] = new PearsonsCorrelation().correlation(f, exact[i]);
      for (int j = 0; j < f.length; j++) {
        if (exact[i][j] > 0) {
          ratios.add(f[j] / exact[i][j]);
        }
      }
    }
    double median = ratios.isEmpty() ? Double.NaN
        : ratios.stream().sorted().skip(ratios.size() / 2).findFirst().orElse(Double.NaN);
    return new Agreement(mean(sp, -1, 1),
        mean(pe, -1, 1), median);
  }

  static double[] toDoubles(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  static float[] toFloats(double[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }

  /** The method order of a result: random first, then as given. */
  static Map<String, float[][]> ordered(Map<String, float[][]> scores) {
    Map<String, float[][]> out = new LinkedHashMap<>();
    if (scores.containsKey(EnsembleTrackConfig.REFERENCE)) {
      out.put(EnsembleTrackConfig.REFERENCE, scores.get(EnsembleTrackConfig.REFERENCE));
    }
    out.putAll(scores);
    return out;
  }
}
