package org.tdabench.benchmark.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.stat.inference.MannWhitneyUTest;
import org.hipparchus.stat.ranking.NaNStrategy;
import org.hipparchus.stat.ranking.TiesStrategy;

/**
 * Mann-Whitney U p-values, always by the <b>normal approximation with continuity correction and the
 * tie-corrected variance</b>: the same numbers as {@code scipy.stats.mannwhitneyu(x, y,
 * alternative=..., method="asymptotic", use_continuity=True)} and R's {@code wilcox.test(exact =
 * FALSE, correct = TRUE)}. The exact distribution is never used, not even for small tie-free samples
 * (Hipparchus's one-argument test switches to it there; different libraries disagree for exactly
 * this reason, so tdabench pins one: {@link #METHOD}).
 *
 * <p>Two-sided p-values come from Hipparchus {@link MannWhitneyUTest#mannWhitneyUTest(double[],
 * double[], boolean)} with {@code exact = false}. Hipparchus has no one-sided test, so the one-sided
 * p-values apply the same approximation to U1 (the statistic of {@code x}): for "less" (x tends to be
 * smaller than y) p = Phi((U1 - n1 n2 / 2 + 1/2) / sd), for "greater" p = 1 - Phi((U1 - n1 n2 / 2 -
 * 1/2) / sd), with Hipparchus ranks and normal distribution.
 *
 * <p>MUCS compares methods with the one-sided "less" test on targets and the two-sided test on
 * controls (sony/mucs).
 */
public final class MannWhitney {
  /** Stated in result files next to every p-value. */
  public static final String METHOD =
      "Mann-Whitney U, normal approximation with continuity correction and tie-corrected variance";

  /** The alternative hypothesis about x relative to y. */
  public enum Alternative {
    /** x is stochastically smaller than y. */
    LESS,
    /** x is stochastically larger than y. */
    GREATER,
    TWO_SIDED
  }

  /**
   * @param u1 the U statistic of the first sample (number of pairs x > y, ties counting 1/2)
   * @param p the p-value
   * @param alternative the hypothesis tested
   */
  public record Result(double u1, double p, Alternative alternative) {}

  private MannWhitney() {}

  /** Tests x against y under {@code alternative}; both samples must be non-empty and NaN-free. */
  public static Result test(double[] x, double[] y, Alternative alternative) {
    if (x.length == 0 || y.length == 0) {
      throw new IllegalArgumentException("Mann-Whitney needs two non-empty samples");
    }
    double[] z = new double[x.length + y.length];
    System.arraycopy(x, 0, z, 0, x.length);
    System.arraycopy(y, 0, z, x.length, y.length);
    double[] ranks = Spearman.ranking().rank(z);
    double r1 = 0;
    for (int i = 0; i < x.length; i++) {
      r1 += ranks[i];
    }
    double n1 = x.length;
    double n2 = y.length;
    double u1 = r1 - n1 * (n1 + 1) / 2;
    if (alternative == Alternative.TWO_SIDED) {
      double p = new MannWhitneyUTest(NaNStrategy.FAILED, TiesStrategy.AVERAGE).mannWhitneyUTest(x, y, false);
      return new Result(u1, Math.min(1.0, p), alternative);
    }
    double mu = n1 * n2 / 2;
    double sd = Math.sqrt(variance(z, n1, n2));
    if (!(sd > 0)) {
      return new Result(u1, 1.0, alternative); // every value tied: no evidence either way
    }
    NormalDistribution normal = new NormalDistribution(0, 1);
    double p = alternative == Alternative.LESS
        ? normal.cumulativeProbability((u1 - mu + 0.5) / sd)
        : 1 - normal.cumulativeProbability((u1 - mu - 0.5) / sd);
    return new Result(u1, Math.min(1.0, p), alternative);
  }

  /** Var(U) under H0 with the tie correction n1 n2 / 12 ((n + 1) - sum(t^3 - t) / (n (n - 1))). */
  private static double variance(double[] z, double n1, double n2) {
    double[] s = z.clone();
    java.util.Arrays.sort(s);
    double tieTerm = 0;
    int i = 0;
    while (i < s.length) {
      int j = i;
      while (j + 1 < s.length && s[j + 1] == s[i]) {
        j++;
      }
      double t = j - i + 1;
      tieTerm += t * t * t - t;
      i = j + 1;
    }
    double n = n1 + n2;
    return n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1)));
  }
}
