package org.tdabench.benchmark.ensemble;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tdabench.benchmark.report.CsvFiles;
import org.tdabench.benchmark.report.Formats;
import org.tdabench.benchmark.report.HtmlReport;
import org.tdabench.benchmark.stats.Estimate;

/**
 * The encoded-ensemble track's outputs: {@code ensemble-track-<dataset>.csv} (one row per method,
 * skipped methods with their reason), {@code ensemble-track-per-target-<dataset>.csv} and an HTML
 * section for the report.
 */
public final class EnsembleTrackReport {
  private EnsembleTrackReport() {}

  /**
   * What the track ran, beyond the statistics.
   *
   * @param modes method -> how it attributed the ensemble (model-free, per member, whole ensemble)
   * @param secondsPerTarget method -> amortised attribution seconds per target (all members)
   * @param skipped method -> why it is not on the track
   * @param notes sentences for the report (ground truth, variant, costs)
   * @param members n
   * @param recallK k
   */
  public record Context(Map<String, String> modes, Map<String, Double> secondsPerTarget, Map<String, String> skipped,
      List<String> notes, int members, int recallK) {}

  static final List<String> HEADER = List.of("method", "mode", "rho_distance", "rho_distance_lo", "rho_distance_hi",
      "rho_loss", "rho_loss_lo", "rho_loss_hi", "vs_random", "vs_random_lo", "vs_random_hi", "verdict",
      "recall_at_k", "recall_lo", "recall_hi", "k", "targets", "undefined_targets", "samples", "members",
      "seconds_per_target", "skipped");

  /** Writes the summary CSV and the per-target CSV. */
  public static void writeCsv(Path summary, Path perTarget, EnsembleTrackAnalysis.Result r, Context c)
      throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (EnsembleTrackAnalysis.MethodResult m : r.methods()) {
      List<String> row = new ArrayList<>();
      row.add(m.method());
      row.add(c.modes().getOrDefault(m.method(), ""));
      est(row, m.rhoDistance());
      est(row, m.rhoLoss());
      est(row, m.vsRandom());
      row.add(m.verdict());
      est(row, m.recall());
      row.add(Integer.toString(c.recallK()));
      row.add(Integer.toString(r.targets()));
      row.add(Integer.toString(m.undefined()));
      row.add(Integer.toString(r.samples()));
      row.add(Integer.toString(c.members()));
      row.add(Formats.seconds(c.secondsPerTarget().getOrDefault(m.method(), Double.NaN)));
      row.add("");
      rows.add(row);
    }
    for (Map.Entry<String, String> e : c.skipped().entrySet()) {
      List<String> row = new ArrayList<>();
      row.add(e.getKey());
      row.add(c.modes().getOrDefault(e.getKey(), ""));
      for (int i = 2; i < HEADER.size() - 1; i++) {
        row.add("");
      }
      row.add(e.getValue());
      rows.add(row);
    }
    CsvFiles.write(summary, HEADER, rows);
    List<List<String>> pt = new ArrayList<>();
    for (EnsembleTrackAnalysis.MethodResult m : r.methods()) {
      for (int t = 0; t < m.perTarget().length; t++) {
        pt.add(List.of(m.method(), Integer.toString(t), Formats.num(m.perTarget()[t])));
      }
    }
    CsvFiles.write(perTarget, List.of("method", "target", "rho_distance"), pt);
  }

  private static void est(List<String> row, Estimate e) {
    row.add(e == null ? "" : Formats.num(e.value()));
    row.add(e == null ? "" : Formats.num(e.lo()));
    row.add(e == null ? "" : Formats.num(e.hi()));
  }

  /** The report section (trusted HTML: every text is escaped here). */
  public static String html(EnsembleTrackAnalysis.Result r, Context c) {
    StringBuilder s = new StringBuilder();
    s.append("<h2>Encoded-ensemble track: exact leave-one-out</h2>\n");
    s.append("<p class=\"lead\">").append(HtmlReport.esc(String.format(Locale.ROOT,
        "The generator is an encoded ensemble of %d members trained on bit-coded halves of the data. Removing "
            + "any one training image is exact without retraining (drop the members that saw it, resample from the "
            + "same noise), so every method is scored against the true counterfactual of every one of the %d "
            + "training images, on %d generated targets: Spearman per target (mean, 95 %% Student-t interval "
            + "over targets), the paired difference to random on the same targets, and recall@%d of the exact "
            + "top-%d.", c.members(), r.samples(), r.targets(), c.recallK(), c.recallK()))).append("</p>\n");
    s.append("<div class=\"scroll\"><table>\n<thead><tr><th>method</th><th>how</th><th>rho vs distance</th>"
        + "<th>minus random</th><th>verdict</th><th>rho vs loss change</th><th>recall@k</th><th>s / target</th>"
        + "</tr></thead>\n<tbody>\n");
    for (EnsembleTrackAnalysis.MethodResult m : r.methods()) {
      s.append("<tr><td class=\"m\">").append(HtmlReport.esc(m.method())).append("</td>");
      cell(s, c.modes().getOrDefault(m.method(), ""));
      cell(s, Formats.human(m.rhoDistance(), 3) + (m.undefined() > 0 ? " (" + m.undefined() + " undefined)" : ""));
      cell(s, Formats.human(m.vsRandom(), 3));
      cell(s, m.verdict());
      cell(s, Formats.human(m.rhoLoss(), 3));
      cell(s, Formats.human(m.recall(), 2));
      cell(s, Formats.seconds(c.secondsPerTarget().getOrDefault(m.method(), Double.NaN)));
      s.append("</tr>\n");
    }
    s.append("</tbody></table></div>\n<ul class=\"notes\">\n");
    if (r.agreement() != null) {
      note(s, String.format(Locale.ROOT, "First-order (Jacobian) estimate against the exact counterfactual distance: "
          + "Spearman %s, Pearson %s per target; median ratio first-order / exact %.3f.",
          Formats.human(r.agreement().spearman(), 3), Formats.human(r.agreement().pearson(), 3),
          r.agreement().medianRatio()));
    }
    c.notes().forEach(n -> note(s, n));
    c.skipped().forEach((m, why) -> note(s, "Not on this track: " + m + ": " + why));
    s.append("</ul>\n");
    return s.toString();
  }

  private static void cell(StringBuilder s, String text) {
    s.append("<td>").append(HtmlReport.esc(text)).append("</td>");
  }

  private static void note(StringBuilder s, String text) {
    s.append("<li>").append(HtmlReport.esc(text)).append("</li>\n");
  }
}
