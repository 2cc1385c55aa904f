package org.tdabench.benchmark.report;

import static org.tdabench.benchmark.report.HtmlReport.esc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tdabench.benchmark.stats.Estimate;

/**
 * The report's leaderboard as three tables, LDS, retraining ablation, and retrieval and cost, so
 * that each fits a page: a score's interval goes under its value, the method column stays in place
 * when a table scrolls sideways, and every column says what it means (a header tooltip and a legend
 * under the table). Method names carry their chart colour.
 */
final class LeaderboardTables {
  private LeaderboardTables() {}

  /** A column: its header, what it means, and its cell (HTML) for a row. */
  record Column(String header, String description, Function<LeaderboardRow, String> cell) {}

  /** A table: an anchor id, a title and its columns after the method column. */
  record Table(String id, String title, List<Column> columns) {}

  static final Column METHOD = new Column("method",
      "The attribution method; its colour is the same in every chart. random ranks the training set at random and"
          + " is the reference of every comparison.", r -> "");

  /** The tables for rows with these ablation metrics. */
  static List<Table> tables(List<String> metrics, java.util.Collection<String> distanceMetrics) {
    List<Column> lds = List.of(
        new Column("LDS gen", "Linear datamodeling score on generated targets: Spearman correlation between the"
            + " losses the method predicts for models trained on random half subsets and the losses those retrained"
            + " models really have, mean over targets. 95 % interval from the variance components of the design"
            + " (a jackknife over subsets plus the spread of targets), checked by simulation. Higher is better.",
            r -> score(r.ldsGen(), 3)),
        new Column("vs random", "LDS gen minus random's, paired on the same subsets and targets, with its 95 %"
            + " interval, and what that interval says: beats random (above 0), worse than random, no effect above"
            + " 0.1 (contains 0 but excludes a meaningful gain), or not separated (the experiment cannot tell).",
            r -> r.ldsGenVsRandom() == null ? esc(r.ldsGenVerdict())
                : score(r.ldsGenVsRandom(), 3, " " + r.ldsGenVerdict())),
        new Column("LDS val", "The same on held-out test images instead of generated targets.",
            r -> score(r.ldsVal(), 3)),
        new Column("val vs random", "LDS val minus random's, paired, with its verdict.",
            r -> r.ldsValVsRandom() == null ? esc(r.ldsValVerdict())
                : score(r.ldsValVsRandom(), 3, " " + r.ldsValVerdict())),
        new Column("lambda", "The hyper-parameter candidate the method chose on a separate tune family of subsets"
            + " (never the evaluation subsets), used for every number of its row.", r -> esc(r.hyperparameter())));
    List<Column> ablation = new ArrayList<>();
    for (String m : metrics) {
      boolean distance = distanceMetrics.contains(m);
      String change = distance ? m + " distance" : m + " similarity";
      ablation.add(new Column(m + " specificity", "Retraining ablation, the headline: inside the model retrained"
          + " without the method's top-k images, the probability that a control image (generated like the targets,"
          + " not attributed) changed less than a target, by " + change + ". The retraining's own luck moves both"
          + " and cancels; 0.5 = no more effect on targets than on anything else. Mean over seeds, 95 % interval"
          + " over seeds (none with one seed).", r -> cell(r, m, a -> score(a.specificity(), 3))));
      ablation.add(new Column(m + " spec. vs random", "Specificity minus that of a random removal of as many"
          + " images (same seed), paired per seed. Above 0: the method's removal is specific to its targets.",
          r -> cell(r, m, a -> score(a.specificityVsRandom(), 3))));
      ablation.add(new Column(m + " AUC targets", "AUC of the targets' " + change + " against the size-matched"
          + " random removal: the probability that the method's removal changes a target more (MUCS's number)."
          + " Higher is better; 0.5 is no better than random. Mean over seeds, interval over seeds.",
          r -> cell(r, m, a -> score(a.targetsAuc(), 3))));
      ablation.add(new Column(m + " Ratio % targets", "Ratio %: the targets' " + change + " after the method's"
          + " removal relative to the median after the random removal, minus 1, in percent; mean over seeds. "
          + (distance ? "Positive is better (larger distances)." : "Negative is better (lower similarity)."),
          r -> cell(r, m, a -> score(a.targetsRatio(), 1))));
      ablation.add(new Column(m + " AUC controls", "The same AUC on control images: removing a target's top-k"
          + " should leave them alone, so 0.5 is ideal.", r -> cell(r, m, a -> score(a.controlsAuc(), 3))));
    }
    ablation.add(new Column("removed", "Distinct training images removed (mean over seeds): the union of the top-k"
        + " lists of every ablation target; its random reference removes as many.",
        r -> esc(Formats.count(r.removalUnionSize()))));
    ablation.add(new Column("overlap %", "Overlap of the method's top-k lists between ablation targets,"
        + " |A &cap; B| / k in percent, with a jackknife interval over targets: high means it blames the same"
        + " images for every target, so it removes fewer.", r -> score(r.overlapWithin(), 1)));
    List<Column> cost = List.of(
        new Column("recall@k", "Self-retrieval: with training images (and their planted near-duplicates) as"
            + " targets, the share of the targets' own images the method ranks in their top k, with a 95 % Wilson"
            + " interval and the k used. Higher is better.",
            r -> r.recall() == null ? "" : score(r.recall(), 2, " k=" + r.recallK())),
        new Column("s / target", "Attribution wall time per target in seconds on this machine, the method's"
            + " shared set-up spread over the targets.", r -> esc(Formats.seconds(r.attributionSecondsPerTarget()))));
    List<Table> out = new ArrayList<>();
    out.add(new Table("lds", "Linear datamodeling score", lds));
    out.add(new Table("cost", "Retrieval and cost", cost));
    if (!metrics.isEmpty()) {
      out.add(new Table("ablation", "Retraining ablation", ablation));
    }
    return out;
  }

  /**
   * The tables as HTML, each in a sideways-scrolling box with its legend; narrow tables side by side
   * where the page is wide enough.
   */
  static String html(List<LeaderboardRow> rows, List<String> metrics, java.util.Collection<String> distanceMetrics) {
    StringBuilder s = new StringBuilder("<div class=\"tables\">\n");
    for (Table t : tables(metrics, distanceMetrics)) {
      s.append("<section class=\"tbl").append(t.columns().size() > 4 ? " wide" : "").append("\">\n");
      s.append("<h3 id=\"").append(t.id()).append("\">").append(esc(t.title())).append("</h3>\n");
      s.append("<div class=\"scroll\"><table class=\"board\">\n<thead><tr>");
      header(s, METHOD);
      t.columns().forEach(c -> header(s, c));
      s.append("</tr></thead>\n<tbody>\n");
      for (LeaderboardRow r : rows) {
        s.append("<tr><th class=\"m\" scope=\"row\"><span class=\"sw\" style=\"background:")
            .append(MethodColors.css(MethodColors.of(r.method()))).append("\"></span>").append(esc(r.method()))
            .append("</th>");
        t.columns().forEach(c -> s.append("<td>").append(c.cell().apply(r)).append("</td>"));
        s.append("</tr>\n");
      }
      s.append("</tbody></table></div>\n<dl class=\"legend\">\n");
      for (Column c : t.columns()) {
        s.append("<dt>").append(esc(c.header())).append("</dt><dd>").append(c.description()).append("</dd>\n");
      }
      s.append("</dl>\n</section>\n");
    }
    return s.append("</div>\n").toString();
  }

  private static void header(StringBuilder s, Column c) {
    s.append("<th scope=\"col\" title=\"").append(plain(c.description())).append("\">").append(esc(c.header()))
        .append("</th>");
  }

  /** A description for an attribute: its entities spelled out, then escaped. */
  private static String plain(String description) {
    return esc(description.replace("&plusmn;", "\u00b1").replace("&cap;", "\u2229"));
  }

  private static String cell(LeaderboardRow r, String metric,
      Function<LeaderboardRow.AblationCells, String> f) {
    LeaderboardRow.AblationCells a = r.ablation().get(metric);
    return a == null ? "" : f.apply(a);
  }

  /** A value with its interval on a second, smaller line. */
  private static String score(Estimate e, int decimals) {
    return score(e, decimals, "");
  }

  /** A value with its interval, then {@code note}, on a second, smaller line. */
  private static String score(Estimate e, int decimals, String note) {
    if (e == null || !Double.isFinite(e.value())) {
      return "";
    }
    String v = esc(Formats.fixed(e.value(), decimals));
    if (!Double.isFinite(e.lo()) || !Double.isFinite(e.hi())) {
      return note.isEmpty() ? v : v + "<span class=\"ci\">" + esc(note.strip()) + "</span>";
    }
    return v + "<span class=\"ci\">[" + esc(Formats.fixed(e.lo(), decimals)) + ", "
        + esc(Formats.fixed(e.hi(), decimals)) + "]" + esc(note) + "</span>";
  }
}
