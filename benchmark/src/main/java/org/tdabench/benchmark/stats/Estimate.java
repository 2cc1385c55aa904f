package org.tdabench.benchmark.stats;

/**
 * A point estimate with a two-sided interval, e.g. a mean LDS with its 95 % bootstrap interval.
 *
 * @param value the estimate computed on the full sample
 * @param lo lower end of the interval
 * @param hi upper end of the interval
 * @param n the number of observations behind the estimate (targets, subsets, images, pairs)
 * @param interval how the interval was obtained, e.g. "percentile bootstrap 95% over subsets, 1000
 *     resamples" or "mean +- 1.98 SE"; it travels into result files so every number says where its
 *     interval came from
 */
public record Estimate(double value, double lo, double hi, int n, String interval) {

  /** An estimate without an interval (both ends NaN). */
  public static Estimate pointOnly(double value, int n) {
    return new Estimate(value, Double.NaN, Double.NaN, n, "none");
  }

  /**
   * The mean of {@code xs} with the interval mean +- {@code factor} x SE, SE = sd / sqrt(n) with the
   * sample standard deviation (n - 1 in the denominator). MUCS reports Ratio and overlap this way
   * with factor 1.98 (sony/mucs).
   */
  public static Estimate meanWithSe(double[] xs, double factor) {
    int n = xs.length;
    if (n == 0) {
      return new Estimate(Double.NaN, Double.NaN, Double.NaN, 0, "mean +- " + factor + " SE");
    }
    double mean = 0;
    for (double x : xs) {
      mean += x;
    }
    mean /= n;
    double ss = 0;
    for (double x : xs) {
      ss += (x - mean) * (x - mean);
    }
    double se = n > 1 ? Math.sqrt(ss / (n - 1)) / Math.sqrt(n) : Double.NaN;
    return new Estimate(mean, mean - factor * se, mean + factor * se, n, "mean +- " + factor + " SE (sd with n-1)");
  }

  /** The same estimate stating {@code n} observations. */
  public Estimate withN(int n) {
    return new Estimate(value, lo, hi, n, interval);
  }

  /** Half the interval's width; NaN when there is no interval. */
  public double halfWidth() {
    return (hi - lo) / 2;
  }

  /** Whether {@code x} lies inside the closed interval. */
  public boolean contains(double x) {
    return x >= lo && x <= hi;
  }

  /** The same estimate with every number multiplied by {@code factor} (e.g. 100 for percent). */
  public Estimate scaled(double factor) {
    double a = lo * factor;
    double b = hi * factor;
    return new Estimate(value * factor, Math.min(a, b), Math.max(a, b), n, interval);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%.4f [%.4f, %.4f] (n=%d, %s)", value, lo, hi, n, interval);
  }
}
