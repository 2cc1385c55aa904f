package org.tdabench.benchmark.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tdabench.benchmark.stats.Estimate;

/**
 * Writes {@code leaderboard-<dataset>.csv}: one row per method, columns in this order:
 *
 * <pre>
 * method
 * lds_gen, lds_gen_lo, lds_gen_hi, lds_val, lds_val_lo, lds_val_hi
 * lds_gen_vs_random, _lo, _hi, lds_gen_verdict, lds_val_vs_random, _lo, _hi, lds_val_verdict
 * hyperparameter                                    (chosen on the tune family, used everywhere)
 * lds_gen_optimistic, lds_val_optimistic            (best-on-eval, labelled optimistic)
 * for each ablation metric m: abl_m_specificity (+_lo, _hi), abl_m_specificity_vs_random (+_lo, _hi),
 *   then for each group g in (targets, controls):
 *   abl_m_g_auc, abl_m_g_auc_lo, abl_m_g_auc_hi, abl_m_g_ratio, abl_m_g_ratio_lo, abl_m_g_ratio_hi
 * removal_union_size
 * overlap_within, overlap_within_lo, overlap_within_hi
 * recall_at_k, recall_at_k_lo, recall_at_k_hi, recall_k
 * attribution_seconds_per_target
 * n_gen_targets, n_val_targets, n_gen_undefined, n_val_undefined, n_subsets, n_seeds_per_subset,
 * n_ablation_targets, n_ablation_controls, n_ablation_seeds
 * deterministic, fingerprint, protocol
 * hash_&lt;role&gt; for every artifact role (sorted)
 * </pre>
 *
 * <p>Naming conventions that {@code compare} relies on: a score column X has its interval in X_lo and
 * X_hi; counts start with "n_" (or are "recall_k"); hashes start with "hash_"; the rest is
 * informational.
 */
public final class LeaderboardCsv {
  private LeaderboardCsv() {}

  /** The header for rows with these ablation metrics and hash roles. */
  public static List<String> header(List<String> metrics, Set<String> hashRoles) {
    List<String> h = new ArrayList<>();
    h.add("method");
    scoreColumns(h, "lds_gen");
    scoreColumns(h, "lds_val");
    scoreColumns(h, "lds_gen_vs_random");
    h.add("lds_gen_verdict");
    scoreColumns(h, "lds_val_vs_random");
    h.add("lds_val_verdict");
    h.add("hyperparameter");
    h.add("lds_gen_optimistic");
    h.add("lds_val_optimistic");
    for (String m : metrics) {
      scoreColumns(h, "abl_" + m + "_specificity");
      scoreColumns(h, "abl_" + m + "_specificity_vs_random");
      for (String g : List.of("targets", "controls")) {
        scoreColumns(h, "abl_" + m + "_" + g + "_auc");
        scoreColumns(h, "abl_" + m + "_" + g + "_ratio");
      }
    }
    h.add("removal_union_size");
    scoreColumns(h, "overlap_within");
    scoreColumns(h, "recall_at_k");
    h.add("recall_k");
    h.add("attribution_seconds_per_target");
    h.addAll(List.of("n_gen_targets", "n_val_targets", "n_gen_undefined", "n_val_undefined", "n_subsets",
        "n_seeds_per_subset",
        "n_ablation_targets", "n_ablation_controls", "n_ablation_seeds"));
    h.add("deterministic");
    h.add("fingerprint");
    h.add("protocol");
    for (String r : hashRoles) {
      h.add("hash_" + r);
    }
    return h;
  }

  /** The ablation metrics of the rows, in first-seen order. */
  public static List<String> metrics(List<LeaderboardRow> rows) {
    Set<String> m = new LinkedHashSet<>();
    rows.forEach(r -> m.addAll(r.ablation().keySet()));
    return List.copyOf(m);
  }

  /** Writes the leaderboard atomically. */
  public static void write(Path file, List<LeaderboardRow> rows) throws IOException {
    List<String> metrics = metrics(rows);
    Set<String> roles = new TreeSet<>();
    rows.forEach(r -> roles.addAll(r.recipeHashes().keySet()));
    List<List<String>> cells = new ArrayList<>();
    for (LeaderboardRow r : rows) {
      cells.add(cells(r, metrics, roles));
    }
    CsvFiles.write(file, header(metrics, roles), cells);
  }

  static List<String> cells(LeaderboardRow r, List<String> metrics, Set<String> roles) {
    List<String> c = new ArrayList<>();
    c.add(r.method());
    score(c, r.ldsGen());
    score(c, r.ldsVal());
    score(c, r.ldsGenVsRandom());
    c.add(r.ldsGenVerdict());
    score(c, r.ldsValVsRandom());
    c.add(r.ldsValVerdict());
    c.add(r.hyperparameter());
    c.add(Formats.num(r.ldsGenOptimistic()));
    c.add(Formats.num(r.ldsValOptimistic()));
    for (String m : metrics) {
      LeaderboardRow.AblationCells a = r.ablation().get(m);
      score(c, a == null ? null : a.specificity());
      score(c, a == null ? null : a.specificityVsRandom());
      score(c, a == null ? null : a.targetsAuc());
      score(c, a == null ? null : a.targetsRatio());
      score(c, a == null ? null : a.controlsAuc());
      score(c, a == null ? null : a.controlsRatio());
    }
    c.add(Formats.count(r.removalUnionSize()));
    score(c, r.overlapWithin());
    score(c, r.recall());
    c.add(Formats.count(r.recallK()));
    c.add(Formats.seconds(r.attributionSecondsPerTarget()));
    LeaderboardRow.Counts n = r.counts();
    for (int v : new int[] {n.genTargets(), n.valTargets(), n.genUndefined(), n.valUndefined(), n.subsets(),
        n.seedsPerSubset(), n.ablationTargets(),
        n.ablationControls(), n.ablationSeeds()}) {
      c.add(Formats.count(v));
    }
    c.add(Boolean.toString(r.deterministic()));
    c.add(r.fingerprint());
    c.add(r.protocol());
    for (String role : roles) {
      c.add(r.recipeHashes().getOrDefault(role, ""));
    }
    return c;
  }

  private static void scoreColumns(List<String> h, String name) {
    h.add(name);
    h.add(name + "_lo");
    h.add(name + "_hi");
  }

  private static void score(List<String> c, Estimate e) {
    if (e == null) {
      c.add("");
      c.add("");
      c.add("");
    } else {
      c.add(Formats.num(e.value()));
      c.add(Formats.num(e.lo()));
      c.add(Formats.num(e.hi()));
    }
  }
}
