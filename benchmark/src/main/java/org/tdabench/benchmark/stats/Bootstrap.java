package org.tdabench.benchmark.stats;

import java.util.Arrays;
import java.util.Locale;
import org.hipparchus.stat.descriptive.rank.Percentile;
import org.hipparchus.stat.descriptive.rank.Percentile.EstimationType;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;

/**
 * Seeded percentile bootstrap. Resample {@code b} draws its indices from the stream of
 * {@code seeds/resample/<b>}, so intervals are reproducible on every machine and independent of how
 * many resamples were drawn before. Quantiles of the bootstrap distribution use Hipparchus
 * {@link Percentile} with {@link EstimationType#R_7} (numpy's default linear interpolation).
 *
 * <p>D-TRAK's LDS interval resamples the subsets (sail-sg/D-TRAK, with BCa and 64
 * resamples); tdabench reports the plain percentile interval with {@link Config#resamples()}
 * resamples, over subsets, over targets, or over both at once ({@link #twoWay}).
 */
public final class Bootstrap {

  /**
   * @param resamples number of bootstrap resamples (default 1000)
   * @param level coverage of the two-sided interval (default 0.95)
   */
  public record Config(int resamples, double level) {
    public static final Config DEFAULT = new Config(1000, 0.95);

    public Config {
      if (resamples < 1) {
        throw new IllegalArgumentException("resamples must be >= 1: " + resamples);
      }
      if (!(level > 0 && level < 1)) {
        throw new IllegalArgumentException("level must be in (0, 1): " + level);
      }
    }
  }

  /** A statistic of one resampled index vector. */
  @FunctionalInterface
  public interface IndexStatistic {
    double apply(int[] idx);
  }

  /** A statistic of two independently resampled index vectors (rows and columns, or two groups). */
  @FunctionalInterface
  public interface TwoWayStatistic {
    double apply(int[] rows, int[] cols);
  }

  private final Config config;
  private final SeedTree seeds;

  public Bootstrap(Config config, SeedTree seeds) {
    this.config = config;
    this.seeds = seeds;
  }

  public Config config() {
    return config;
  }

  /** Interval of {@code stat} when the {@code n} observations are resampled with replacement. */
  public Estimate oneWay(int n, IndexStatistic stat, String over) {
    requirePositive(n, over);
    double point = stat.apply(identity(n));
    double[] dist = new double[config.resamples()];
    for (int b = 0; b < dist.length; b++) {
      CounterRng rng = seeds.child("resample", b).rng();
      dist[b] = stat.apply(draw(rng, n));
    }
    return interval(point, dist, n, over);
  }

  /**
   * Interval of {@code stat} when rows and columns are resampled independently, e.g. subsets and
   * targets of the LDS, or the two groups of an AUC. The estimate's {@code n} is {@code rows}; use
   * {@link Estimate#withN(int)} to state another count.
   */
  public Estimate twoWay(int rows, int cols, TwoWayStatistic stat, String over) {
    requirePositive(rows, over);
    requirePositive(cols, over);
    double point = stat.apply(identity(rows), identity(cols));
    double[] dist = new double[config.resamples()];
    for (int b = 0; b < dist.length; b++) {
      CounterRng rng = seeds.child("resample", b).rng();
      int[] r = draw(rng, rows);
      int[] c = draw(rng, cols);
      dist[b] = stat.apply(r, c);
    }
    return interval(point, dist, rows, over);
  }

  /** The mean of {@code xs} with its percentile bootstrap interval. */
  public Estimate mean(double[] xs, String over) {
    return oneWay(xs.length, idx -> {
      double s = 0;
      for (int i : idx) {
        s += xs[i];
      }
      return s / idx.length;
    }, over);
  }

  private Estimate interval(double point, double[] dist, int n, String over) {
    double[] finite = Arrays.stream(dist).filter(Double::isFinite).toArray();
    String how = String.format(Locale.ROOT, "percentile bootstrap %.0f%% over %s, %d resamples",
        100 * config.level(), over, config.resamples());
    if (finite.length < dist.length) {
      how += ", " + (dist.length - finite.length) + " undefined dropped";
    }
    if (finite.length == 0) {
      return new Estimate(point, Double.NaN, Double.NaN, n, how);
    }
    double alpha = (1 - config.level()) / 2;
    Percentile p = new Percentile().withEstimationType(EstimationType.R_7);
    double lo = p.evaluate(finite, 100 * alpha);
    double hi = p.evaluate(finite, 100 * (1 - alpha));
    return new Estimate(point, lo, hi, n, how);
  }

  private static int[] draw(CounterRng rng, int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = rng.nextInt(n);
    }
    return idx;
  }

  static int[] identity(int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    return idx;
  }

  private static void requirePositive(int n, String what) {
    if (n < 1) {
      throw new IllegalArgumentException("nothing to resample (" + what + ")");
    }
  }
}
