package org.tdabench.benchmark.lds;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;

/**
 * Draws the LDS subsets: M subsets of size round(alpha N), stratified by
 * class when labels are given. Subset j of family f is drawn from the seed-tree node
 * {@code lds/<f>/subset/<j>} alone, so subset 17 is the same whether 20 or 64 subsets are drawn, and
 * the "tune" family (where methods choose hyper-parameters) never shares randomness with the "eval"
 * family (where they are scored).
 *
 * <p>Stratification: class c with n_c members contributes floor(alpha n_c) samples, and the
 * remaining round(alpha N) - sum floor(...) places go to the classes with the largest fractional
 * parts alpha n_c - floor(alpha n_c) (ties to the lower label), so the subset size is exactly
 * round(alpha N) and every class is represented in proportion, as D-TRAK's stratified splits are.
 */
public final class SubsetSampler {
  /** The family on which methods are scored. */
  public static final String EVAL = "eval";
  /** The family on which methods tune their hyper-parameters. */
  public static final String TUNE = "tune";
  /** The protocol's subset fraction. */
  public static final double DEFAULT_ALPHA = 0.5;

  private static final Pattern FAMILY = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private SubsetSampler() {}

  /** The seed-tree node of subset j of {@code family}. */
  public static SeedTree node(SeedTree root, String family, int j) {
    return root.child("lds/" + family + "/subset/" + j);
  }

  /**
   * Draws {@code m} subsets of {@code n} training samples.
   *
   * @param root the run's seed tree (its root node)
   * @param labels per-sample class labels (length n), or null for an unstratified draw
   */
  public static SubsetMasks draw(SeedTree root, String family, int m, int n, double alpha, int[] labels) {
    if (!FAMILY.matcher(family).matches()) {
      throw new IllegalArgumentException("bad subset family name: '" + family + "'");
    }
    if (m < 2) {
      throw new IllegalArgumentException("LDS needs at least 2 subsets, got " + m);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1): " + alpha);
    }
    if (labels != null && labels.length != n) {
      throw new IllegalArgumentException("labels has " + labels.length + " entries for " + n + " samples");
    }
    List<int[]> strata = strata(n, labels);
    int[] quota = quotas(strata, alpha, n);
    boolean[][] masks = new boolean[m][n];
    for (int j = 0; j < m; j++) {
      CounterRng rng = node(root, family, j).rng();
      for (int s = 0; s < strata.size(); s++) {
        int[] members = strata.get(s);
        int[] perm = rng.permutation(members.length);
        for (int q = 0; q < quota[s]; q++) {
          masks[j][members[perm[q]]] = true;
        }
      }
    }
    return new SubsetMasks(family, masks);
  }

  /** The subset size for n samples: round(alpha n), half up. */
  public static int subsetSize(int n, double alpha) {
    return (int) Math.round(alpha * n);
  }

  private static List<int[]> strata(int n, int[] labels) {
    List<int[]> out = new ArrayList<>();
    if (labels == null) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      out.add(all);
      return out;
    }
    TreeMap<Integer, List<Integer>> byLabel = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      byLabel.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
    }
    for (List<Integer> members : byLabel.values()) {
      out.add(members.stream().mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  private static int[] quotas(List<int[]> strata, double alpha, int n) {
    int[] quota = new int[strata.size()];
    double[] frac = new double[strata.size()];
    int assigned = 0;
    for (int s = 0; s < quota.length; s++) {
      double exact = alpha * strata.get(s).length;
      quota[s] = (int) Math.floor(exact);
      frac[s] = exact - quota[s];
      assigned += quota[s];
    }
    int left = subsetSize(n, alpha) - assigned;
    while (left > 0) {
      int best = -1;
      for (int s = 0; s < quota.length; s++) {
        if (quota[s] < strata.get(s).length && (best < 0 || frac[s] > frac[best])) {
          best = s;
        }
      }
      quota[best]++;
      frac[best] = -1;
      left--;
    }
    return quota;
  }
}
