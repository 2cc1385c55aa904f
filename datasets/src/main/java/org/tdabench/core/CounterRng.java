package org.tdabench.core;

/**
 * A counter-based random stream: draw {@code i} of key {@code k} is the SplitMix64 finaliser of
 * {@code k + (i + 1) * golden}. Being a pure function of (key, counter), it is reproducible on every
 * machine and JVM; the object only keeps the counter. Gaussians use Box-Muller with
 * {@link StrictMath}, so they are bit-identical across platforms too.
 *
 * <p>Never use {@code java.util.Random} or {@code Math.random()} in tdabench: every draw comes from
 * a {@link SeedTree}.
 */
public final class CounterRng {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final double TWO_PI = 2 * Math.PI;

  private final long key;
  private long counter;
  private double spareGaussian;
  private boolean hasSpare;

  public CounterRng(long key) {
    this.key = key;
  }

  /** The SplitMix64 finaliser (Steele, Lea and Flood 2014). */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Draw {@code index} of stream {@code key}, without any state. */
  public static long at(long key, long index) {
    return mix64(key + (index + 1) * GOLDEN);
  }

  public long nextLong() {
    return at(key, counter++);
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform integer in [0, bound), unbiased (rejection, as java.util.Random.nextInt does). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    int r = (int) (nextLong() >>> 33);
    int m = bound - 1;
    if ((bound & m) == 0) {
      return (int) ((bound * (long) r) >> 31);
    }
    for (int u = r; u - (r = u % bound) + m < 0; u = (int) (nextLong() >>> 33)) {
      // rejected: u fell in the incomplete last block
    }
    return r;
  }

  /** Standard normal draw (Box-Muller, StrictMath). */
  public double nextGaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spareGaussian;
    }
    double u1 = 1.0 - nextDouble(); // (0, 1]
    double u2 = nextDouble();
    double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
    double theta = TWO_PI * u2;
    spareGaussian = r * StrictMath.sin(theta);
    hasSpare = true;
    return r * StrictMath.cos(theta);
  }

  /** Fills {@code out} with standard normal draws. */
  public void fillGaussian(float[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) nextGaussian();
    }
  }

  /** Fills {@code out[offset .. offset+length)} with standard normal draws. */
  public void fillGaussian(float[] out, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      out[i] = (float) nextGaussian();
    }
  }

  /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
  public int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
