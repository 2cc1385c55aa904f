package org.tdabench.benchmark.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tdabench.benchmark.ablation.AblationSummary;
import org.tdabench.benchmark.ablation.MethodAblation;
import org.tdabench.benchmark.ablation.MetricResult;
import org.tdabench.benchmark.ablation.PairwiseTest;
import org.tdabench.benchmark.stats.Estimate;

/**
 * The ablation's detail tables beside the leaderboard: per method, metric and group every statistic
 * with its interval; the pairwise Mann-Whitney p-values, each line stating the test used; and the
 * top-k overlap between methods.
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
        row.add(Formats.count(m.removal() == null ? -1 : m.removal().size()));
        score(row, m.withinOverlap());
        rows.add(row);
      }
    }
    CsvFiles.write(file, List.of("method", "metric", "group", "distance", "auc", "auc_lo", "auc_hi", "ratio",
        "ratio_lo", "ratio_hi", "mean", "median", "n", "removal_union_size", "overlap_within", "overlap_within_lo",
        "overlap_within_hi"), rows);
  }

  /** {@code metric,group,first,second,alternative,p,test}; p with 6 significant digits. */
  public static void writePValues(Path file, AblationSummary s) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (PairwiseTest t : s.tests()) {
      rows.add(List.of(t.metric(), t.group().id(), t.first(), t.second(),
          t.alternative().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
          String.format(java.util.Locale.ROOT, "%.6g", t.p()), s.pValueMethod()));
    }
    CsvFiles.write(file, List.of("metric", "group", "first", "second", "alternative", "p", "test"), rows);
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
