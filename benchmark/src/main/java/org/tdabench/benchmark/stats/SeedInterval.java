package org.tdabench.benchmark.stats;

import java.util.Locale;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * The mean of a statistic computed once per independent repetition (an ablation seed: its own main
 * model, targets, removals and retrainings) with a Student-t interval over the repetitions. Every
 * image of one retraining shares that retraining's luck, the largest variance component of the
 * ablation, so the repetition is the unit: resampling images would treat shared noise as
 * independent (a nominal 95 % interval then covers about half the time with one seed), and a
 * bootstrap over two to four seeds has too few distinct resamples to cover either. With one seed
 * there is no interval: the number is conditional on that one retraining, and says so.
 */
public final class SeedInterval {
  private SeedInterval() {}

  /**
   * The same for a probability such as an AUC: the t interval is taken on the logit scale (values
   * clipped to [eps, 1 - eps]) and mapped back, so it stays inside [0, 1] and follows the skew a
   * bounded statistic has near its ends; the point estimate is still the plain mean.
   */
  public static Estimate overSeedsProbability(double[] perSeed, double level, double eps) {
    Estimate plain = overSeeds(perSeed, level);
    if (perSeed.length < 2) {
      return plain;
    }
    double[] z = new double[perSeed.length];
    for (int i = 0; i < z.length; i++) {
      double p = Math.min(1 - eps, Math.max(eps, perSeed[i]));
      z[i] = Math.log(p / (1 - p));
    }
    Estimate l = overSeeds(z, level);
    return new Estimate(plain.value(), 1 / (1 + Math.exp(-l.lo())), 1 / (1 + Math.exp(-l.hi())), plain.n(),
        l.interval().replace("mean +- t", "logit mean +- t"));
  }

  public static Estimate overSeeds(double[] perSeed, double level) {
    return overUnits(perSeed, level, "seeds");
  }

  /**
   * A Student-t interval for the mean over independent units of any kind (e.g. the targets of one
   * fixed generator, whose ground truth is exact): unlike a percentile bootstrap, it keeps its
   * coverage with a handful of units.
   */
  public static Estimate overUnits(double[] perUnit, double level, String units) {
    double[] perSeed = perUnit;
    int s = perSeed.length;
    if (s == 0) {
      return new Estimate(Double.NaN, Double.NaN, Double.NaN, 0, "no " + units);
    }
    double mean = 0;
    for (double v : perSeed) {
      mean += v;
    }
    mean /= s;
    if (s == 1) {
      return new Estimate(mean, Double.NaN, Double.NaN, 1, units.equals("seeds")
          ? "one retraining: no interval (needs 2 or more seeds)" : "one of the " + units + ": no interval");
    }
    double ss = 0;
    for (double v : perSeed) {
      ss += (v - mean) * (v - mean);
    }
    double se = Math.sqrt(ss / (s - 1) / s);
    double t = new TDistribution(s - 1).inverseCumulativeProbability(0.5 + level / 2);
    return new Estimate(mean, mean - t * se, mean + t * se, s,
        String.format(Locale.ROOT, "mean +- t(%d) SE over %d %s, %.0f%%", s - 1, s, units, 100 * level));
  }
}
