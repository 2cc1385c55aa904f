package org.tdabench.benchmark.stats;

/**
 * ROC AUC of two samples: P(a > b) + 1/2 P(a = b) over all pairs, i.e. the Mann-Whitney U of
 * {@code a} divided by |a| |b|. With a = similarities after random removal (label 1) and b = the
 * method's similarities (label 0) this is the MUCS AUC (sony/mucs) and equals sklearn's
 * {@code roc_auc_score} with those labels; 0.5 is no better than random, higher is better.
 */
public final class RocAuc {
  private RocAuc() {}

  /** P(a > b) with ties counted 1/2; ranks (average for ties) from Hipparchus. */
  public static double auc(double[] a, double[] b) {
    if (a.length == 0 || b.length == 0) {
      throw new IllegalArgumentException("AUC needs two non-empty samples");
    }
    double[] z = new double[a.length + b.length];
    System.arraycopy(a, 0, z, 0, a.length);
    System.arraycopy(b, 0, z, a.length, b.length);
    double[] ranks = Spearman.ranking().rank(z);
    double ra = 0;
    for (int i = 0; i < a.length; i++) {
      ra += ranks[i];
    }
    double na = a.length;
    double ua = ra - na * (na + 1) / 2;
    return ua / (na * b.length);
  }
}
