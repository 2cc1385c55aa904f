package org.tdabench.benchmark.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tdabench.benchmark.lds.LdsResult;
import org.tdabench.benchmark.lds.TunedLds;
import org.tdabench.benchmark.stats.Estimate;

/**
 * {@code lds-<dataset>.csv}: per method and split the mean LDS over defined targets with its
 * variance-components interval, the paired difference to random, the counts (undefined targets
 * left out and counted), the candidate chosen on the tune family and, labelled as such, the
 * optimistic best-on-eval candidate and its LDS.
 * Rows of family {@code tune} give the same scores' LDS on the tuning family, where method-level
 * choices are made (their hyper-parameter columns stay empty).
 */
public final class LdsCsv {
  private LdsCsv() {}

  /**
   * One method's LDS on one split.
   *
   * @param method method id
   * @param split "gen" or "val"
   * @param result the reported result on its family (eval, or tune for the tuning-family rows)
   * @param tuned the hyper-parameter selection behind it, or null for methods without one
   */
  public record Entry(String method, String split, LdsResult result, Estimate vsRandom, TunedLds tuned) {}

  public static void write(Path file, List<Entry> entries) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (Entry e : entries) {
      LdsResult r = e.result();
      List<String> row = new ArrayList<>(List.of(e.method(), e.split(), r.family(), Formats.num(r.mean())));
      interval(row, r.estimate());
      row.add(e.vsRandom() == null ? "" : Formats.num(e.vsRandom().value()));
      interval(row, e.vsRandom());
      row.add(Integer.toString(r.subsets()));
      row.add(Integer.toString(r.targets()));
      row.add(Integer.toString(r.undefinedTargets()));
      row.add(e.tuned() == null ? "" : e.tuned().chosen());
      row.add(e.tuned() == null ? "" : e.tuned().optimisticChoice());
      row.add(e.tuned() == null ? "" : Formats.num(e.tuned().optimistic()));
      rows.add(row);
    }
    CsvFiles.write(file, List.of("method", "split", "family", "lds", "lds_lo", "lds_hi", "vs_random", "vs_random_lo",
        "vs_random_hi", "n_subsets", "n_targets", "undefined_targets", "chosen_on_tune", "optimistic_choice",
        "optimistic_lds_best_on_eval"), rows);
  }

  private static void interval(List<String> row, Estimate e) {
    row.add(e == null ? "" : Formats.num(e.lo()));
    row.add(e == null ? "" : Formats.num(e.hi()));
  }
}
