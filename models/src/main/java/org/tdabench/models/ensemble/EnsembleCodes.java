package org.tdabench.models.ensemble;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;
import org.tdabench.core.UserError;

/**
 * The bit codes of an encoded ensemble (Dai and Gifford, arXiv 2306.02174; zheng-dai/GenEns
 * CreateSplits.py): every training sample i gets a unique n-bit code c_i of Hamming weight n/2,
 * and member j trains on the samples whose bit j is 1. Every member then sees about N/2 samples and
 * every sample is seen by exactly n/2 members, so leaving sample i out is exact without
 * retraining: keep only the n/2 members with c_ij = 0 ({@link #withoutWeights}).
 *
 * <p>Drawing: the reference draws random weight-n/2 codes and rejects duplicates (aborting after
 * 256 failed draws). Here the N codes are a uniformly random ordered sample without replacement
 * from all C(n, n/2) codes (a sparse Fisher-Yates shuffle of their ranks, unranked in the
 * combinatorial number system): the same distribution as rejection conditioned on uniqueness, and
 * it cannot stall when N is close to C(n, n/2).
 */
public final class EnsembleCodes {
  /** Largest supported member count: C(n, n/2) and its computation must fit a long. */
  public static final int MAX_MEMBERS = 60;

  private final int members;
  private final long[] codes;

  private EnsembleCodes(int members, long[] codes) {
    this.members = members;
    this.codes = codes;
  }

  /** Codes given explicitly (tests): each must have weight n/2 and all must differ. */
  public static EnsembleCodes of(int members, long[] codes) {
    check(members, codes.length);
    long[] c = codes.clone();
    long seen = Arrays.stream(c).distinct().count();
    if (seen != c.length) {
      throw new IllegalArgumentException("codes must be unique");
    }
    for (long x : c) {
      if (Long.bitCount(x) != members / 2 || (x >>> members) != 0) {
        throw new IllegalArgumentException("code " + Long.toBinaryString(x) + " is not an " + members
            + "-bit code of weight " + members / 2);
      }
    }
    return new EnsembleCodes(members, c);
  }

  /**
   * The smallest even n >= 2 with C(n, n/2) >= {@code samples}: the fewest members that give
   * every sample its own code (CIFAR-10's 60,000 images need 20, as the paper uses).
   */
  public static int smallestMembers(int samples) {
    if (samples < 1) {
      throw new IllegalArgumentException("need at least one sample");
    }
    for (int n = 2; n <= MAX_MEMBERS; n += 2) {
      if (binomial(n, n / 2) >= samples) {
        return n;
      }
    }
    throw new UserError(samples + " training samples need more than " + MAX_MEMBERS + " ensemble members");
  }

  /**
   * Draws codes for {@code samples} training samples with {@code members} members (0: the
   * smallest possible even count) from {@code seeds}. Impossible counts are a {@link UserError}.
   */
  public static EnsembleCodes draw(int samples, int members, SeedTree seeds) {
    int n = members == 0 ? smallestMembers(samples) : members;
    check(n, samples);
    long total = binomial(n, n / 2);
    CounterRng rng = seeds.rng();
    // Sparse Fisher-Yates over the ranks 0 .. total-1: position i takes a uniform rank from the
    // ones not yet taken; only displaced positions are stored.
    Map<Long, Long> moved = new HashMap<>();
    long[] codes = new long[samples];
    for (int i = 0; i < samples; i++) {
      long j = i + nextLong(rng, total - i);
      long atJ = moved.getOrDefault(j, j);
      long atI = moved.getOrDefault((long) i, (long) i);
      moved.put(j, atI);
      codes[i] = unrank(atJ, n, n / 2);
    }
    return new EnsembleCodes(n, codes);
  }

  private static void check(int n, int samples) {
    if (n < 2 || n % 2 != 0 || n > MAX_MEMBERS) {
      throw new UserError("an encoded ensemble needs an even number of members between 2 and " + MAX_MEMBERS
          + ", got " + n + ": choose another count or leave it unset (0) for the smallest that fits");
    }
    long total = binomial(n, n / 2);
    if (total < samples) {
      throw new UserError(n + " members give only C(" + n + ", " + n / 2 + ") = " + total
          + " distinct codes, fewer than the " + samples + " training samples: use at least "
          + smallestMembers(samples) + " members (or leave the count unset)");
    }
  }

  /** C(n, k) for n <= 60 (exact in a long: every intermediate is at most k C(n, k)). */
  public static long binomial(int n, int k) {
    if (k < 0 || k > n) {
      return 0;
    }
    long r = 1;
    for (int i = 1; i <= Math.min(k, n - k); i++) {
      r = r * (n - Math.min(k, n - k) + i) / i;
    }
    return r;
  }

  /** The rank-th k-subset of {0..n-1} in colexicographic order, as a bit mask. */
  static long unrank(long rank, int n, int k) {
    long mask = 0;
    long r = rank;
    for (int pos = n - 1; pos >= 0 && k > 0; pos--) {
      long c = binomial(pos, k);
      if (r >= c) {
        mask |= 1L << pos;
        r -= c;
        k--;
      }
    }
    return mask;
  }

  private static long nextLong(CounterRng rng, long bound) {
    if (bound <= Integer.MAX_VALUE) {
      return rng.nextInt((int) bound);
    }
    long limit = Long.MAX_VALUE - Long.MAX_VALUE % bound;
    long u;
    do {
      u = rng.nextLong() >>> 1;
    } while (u >= limit);
    return u % bound;
  }

  /** n, the number of members. */
  public int members() {
    return members;
  }

  /** N, the number of training samples. */
  public int samples() {
    return codes.length;
  }

  /** c_ij: whether member j trains on sample i. */
  public boolean bit(int sample, int member) {
    return (codes[sample] >>> member & 1L) != 0;
  }

  /** Sample i's code as a bit mask (bit j = member j). */
  public long code(int sample) {
    return codes[sample];
  }

  /** The samples member j trains on (bit j = 1), ascending. */
  public int[] rowsOf(int member) {
    return java.util.stream.IntStream.range(0, codes.length).filter(i -> bit(i, member)).toArray();
  }

  /** w_j = 1/n: the ensemble as trained. */
  public double[] uniformWeights() {
    double[] w = new double[members];
    Arrays.fill(w, 1.0 / members);
    return w;
  }

  /** w_j = (1 - c_ij) / (n/2): the ensemble of the members that never saw sample i. */
  public double[] withoutWeights(int sample) {
    double[] w = new double[members];
    for (int j = 0; j < members; j++) {
      w[j] = bit(sample, j) ? 0 : 2.0 / members;
    }
    return w;
  }

  /** Every code, for recipes and exports (bit j of entry i = c_ij). */
  public long[] codes() {
    return codes.clone();
  }
}
