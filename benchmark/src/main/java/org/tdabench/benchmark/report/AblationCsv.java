package org.tdabench.benchmark.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tdabench.benchmark.ablation.AblationSummary;
import org.tdabench.benchmark.ablation.MethodAblation;
import org.tdabench.benchmark.ablation.MetricResult;
import org.tdabench.benchmark.stats.Estimate;

/**
 * The ablation's detail tables beside the leaderboard: per method, metric and group every statistic
 * with its seed-level interval, the within-model specificity, and the top-k overlap between methods.
 * (The MUCS pairwise Mann-Whitney p-values are not written: they treat the images of one retraining
 * as independent, which they are not.)
 */
public final class AblationCsv {
  private AblationCsv() {}

  /** {@code method,metric,group,distance,auc,auc_lo,auc_hi,ratio,ratio_lo,ratio_hi,mean,median,n,...}. */
  public static void writeStatistics(Path file, AblationSummary s) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (MethodAblation m : s.methods()) {
      for (MetricResult r : m.metrics()) {
        List<String> row = new ArrayList<>(List.of(m.method(), r.metric(), r.group().id(),
            Boolean.toString(r.distance())));
        score(row, r.auc());
        score(row, r.ratio());
        row.add(Formats.num(r.mean()));
        row.add(Formats.num(r.median()));
        row.add(Integer.toString(r.auc().n()));
        row.add(Formats.count(m.meanUnionSize()));
        score(row, m.withinOverlap());
        var spec = m.specificity().get(r.metric());
        score(row, spec.method());
        score(row, spec.matchedRandom());
        score(row, spec.vsRandom());
        rows.add(row);
      }
    }
    CsvFiles.write(file, List.of("method", "metric", "group", "distance", "auc", "auc_lo", "auc_hi", "ratio",
        "ratio_lo", "ratio_hi", "mean", "median", "n_seeds", "removal_union_size", "overlap_within",
        "overlap_within_lo", "overlap_within_hi", "specificity", "specificity_lo", "specificity_hi",
        "specificity_random", "specificity_random_lo", "specificity_random_hi", "specificity_vs_random",
        "specificity_vs_random_lo", "specificity_vs_random_hi"), rows);
  }

  /** {@code first,second,overlap,overlap_lo,overlap_hi}: mean per-target top-k overlap in percent. */
  public static void writeOverlap(Path file, AblationSummary s) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, Map<String, Estimate>> a : s.acrossOverlap().entrySet()) {
      for (Map.Entry<String, Estimate> b : a.getValue().entrySet()) {
        List<String> row = new ArrayList<>(List.of(a.getKey(), b.getKey()));
        score(row, b.getValue());
        rows.add(row);
      }
    }
    CsvFiles.write(file, List.of("first", "second", "overlap", "overlap_lo", "overlap_hi"), rows);
  }

  private static void score(List<String> row, Estimate e) {
    row.add(e == null ? "" : Formats.num(e.value()));
    row.add(e == null ? "" : Formats.num(e.lo()));
    row.add(e == null ? "" : Formats.num(e.hi()));
  }
}
