package org.tdabench.benchmark.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.benchmark.ablation.Images;
import org.tdabench.benchmark.stats.Estimate;

class ReportTest {
  @TempDir Path dir;

  static LeaderboardRow row(String method, Estimate lds, Map<String, LeaderboardRow.AblationCells> abl) {
    return new LeaderboardRow(method, lds, null, null, null, "", "", "", Double.NaN, Double.NaN, abl, -1, null, null, -1, 1.25,
        new LeaderboardRow.Counts(10, 0, 0, 0, 8, 1, 0, 0, 0), false, "fp", "p", Map.of("scores", "ff".repeat(32)));
  }

  @Test
  void leaderboardColumnsAndCells() throws Exception {
    Estimate auc = new Estimate(0.75, 0.6, 0.9, 20, "b");
    Estimate ratio = new Estimate(-12.5, -20.25, -4.75, 20, "se");
    var cells = new LeaderboardRow.AblationCells(auc, auc, auc, ratio, auc, ratio);
    Path csv = dir.resolve("results/tiny/leaderboard-procedural.csv");
    LeaderboardCsv.write(csv, List.of(
        row("pixel", new Estimate(0.123456789, -0.0000001, 0.25, 10, "b"), Map.of("ssim", cells)),
        row("with,comma \"q\"", null, Map.of())));
    List<String[]> lines = CsvFiles.read(csv);
    List<String> header = Arrays.asList(lines.get(0));
    assertEquals(List.of("method", "lds_gen", "lds_gen_lo", "lds_gen_hi", "lds_val", "lds_val_lo", "lds_val_hi",
        "lds_gen_vs_random", "lds_gen_vs_random_lo", "lds_gen_vs_random_hi", "lds_gen_verdict", "lds_val_vs_random",
        "lds_val_vs_random_lo", "lds_val_vs_random_hi", "lds_val_verdict", "hyperparameter", "lds_gen_optimistic", "lds_val_optimistic", "abl_ssim_specificity", "abl_ssim_specificity_lo", "abl_ssim_specificity_hi",
        "abl_ssim_specificity_vs_random", "abl_ssim_specificity_vs_random_lo", "abl_ssim_specificity_vs_random_hi",
        "abl_ssim_targets_auc", "abl_ssim_targets_auc_lo",
        "abl_ssim_targets_auc_hi", "abl_ssim_targets_ratio", "abl_ssim_targets_ratio_lo", "abl_ssim_targets_ratio_hi",
        "abl_ssim_controls_auc", "abl_ssim_controls_auc_lo", "abl_ssim_controls_auc_hi", "abl_ssim_controls_ratio",
        "abl_ssim_controls_ratio_lo", "abl_ssim_controls_ratio_hi", "removal_union_size", "overlap_within",
        "overlap_within_lo", "overlap_within_hi", "recall_at_k", "recall_at_k_lo", "recall_at_k_hi", "recall_k",
        "attribution_seconds_per_target", "n_gen_targets", "n_val_targets", "n_gen_undefined", "n_val_undefined",
        "n_subsets", "n_seeds_per_subset",
        "n_ablation_targets", "n_ablation_controls", "n_ablation_seeds", "deterministic", "fingerprint", "protocol",
        "hash_scores"), header);
    String[] pixel = lines.get(1);
    assertEquals("0.123457", pixel[header.indexOf("lds_gen")]);
    assertEquals("0.000000", pixel[header.indexOf("lds_gen_lo")], "no negative zero");
    assertEquals("", pixel[header.indexOf("lds_val")]);
    assertEquals("-12.500000", pixel[header.indexOf("abl_ssim_targets_ratio")]);
    assertEquals("1.250", pixel[header.indexOf("attribution_seconds_per_target")]);
    assertEquals("", pixel[header.indexOf("removal_union_size")]);
    assertEquals("false", pixel[header.indexOf("deterministic")]);
    assertEquals("with,comma \"q\"", lines.get(2)[0]);
    assertEquals("", lines.get(2)[header.indexOf("abl_ssim_targets_auc")]);

    byte[] first = Files.readAllBytes(csv);
    LeaderboardCsv.write(csv, List.of(
        row("pixel", new Estimate(0.123456789, -0.0000001, 0.25, 10, "b"), Map.of("ssim", cells)),
        row("with,comma \"q\"", null, Map.of())));
    assertArrayEquals(first, Files.readAllBytes(csv), "same rows, same bytes");
    assertTrue(new String(first, java.nio.charset.StandardCharsets.UTF_8).endsWith("\n"));
  }

  @Test
  void htmlReportIsSelfContainedWithChartsAndGrid() throws Exception {
    ReportData d = SyntheticReport.data();
    Path folder = dir.resolve("reports/synthetic");
    Path index = HtmlReport.write(folder, d);
    String html = Files.readString(index);
    for (String m : SyntheticReport.METHODS) {
      // every table names the method beside a swatch of its chart colour
      String cell = "<th class=\"m\" scope=\"row\"><span class=\"sw\" style=\"background:"
          + MethodColors.css(MethodColors.of(m)) + "\"></span>" + m + "</th>";
      assertEquals(3, html.split(java.util.regex.Pattern.quote(cell), -1).length - 1, m);
    }
    assertTrue(html.contains("numbers are synthetic &lt;not a real run&gt;"), "metadata is escaped");
    assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing is fetched from elsewhere");
    int svgFigures = html.split("data:image/svg\\+xml;base64,", -1).length - 1;
    // lds, per metric auc and ratio (2 x 2), cost, per metric distribution (2)
    // LDS, LDS vs random, 3 per ablation metric (specificity, AUC, Ratio), LDS vs cost, 2 distributions
    assertEquals(2 + 3 * 2 + 1 + 2, svgFigures);
    assertTrue(html.contains("data:image/png;base64,"));
    try (Stream<Path> s = Files.list(folder.resolve("charts"))) {
      List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(22, names.size(), names.toString());
      assertTrue(names.contains("lds-procedural.png") && names.contains("lds-vs-cost-procedural.svg"));
    }
    byte[] png = Files.readAllBytes(folder.resolve("charts/lds-procedural.png"));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    String svg = Files.readString(folder.resolve("charts/ablation-ssim-auc-procedural.svg"));
    assertTrue(svg.contains("<svg") && svg.contains("AUC"));
    assertTrue(Files.isRegularFile(folder.resolve("grids/targets-procedural.png")));
  }

  @Test
  void everyChartDrawsAMethodInItsOneColour() {
    ReportData d = SyntheticReport.data();
    List<JFreeChart> charts = new java.util.ArrayList<>(List.of(Charts.lds(d.rows()), Charts.ldsVsCost(d.rows())));
    for (String m : List.of("ssim", "l2")) {
      charts.add(Charts.ablation(d.rows(), m, "auc"));
      charts.add(Charts.ablation(d.rows(), m, "ratio"));
      charts.add(Charts.similarityDistribution(d.similarities(), m, m.equals("l2")));
    }
    Map<String, java.util.Set<java.awt.Paint>> seen = new java.util.TreeMap<>();
    for (JFreeChart c : charts) {
      for (Map.Entry<String, java.awt.Paint> drawn : drawnPaints(c)) {
        seen.computeIfAbsent(drawn.getKey(), k -> new java.util.HashSet<>()).add(drawn.getValue());
      }
    }
    assertEquals(new java.util.TreeSet<>(SyntheticReport.METHODS), seen.keySet());
    for (Map.Entry<String, java.util.Set<java.awt.Paint>> e : seen.entrySet()) {
      assertEquals(java.util.Set.of(MethodColors.of(e.getKey())), e.getValue(), e.getKey());
    }
    assertEquals(SyntheticReport.METHODS.size(), SyntheticReport.METHODS.stream().map(MethodColors::of).distinct()
        .count(), "different methods, different colours");
    // and the cost chart's SVG really uses them
    String svg = ChartFiles.svg(Charts.ldsVsCost(d.rows()), "cost", 600, 300);
    for (String m : SyntheticReport.METHODS) {
      java.awt.Color c = MethodColors.of(m);
      assertTrue(svg.contains("rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")"), m);
    }
  }

  /**
   * (method, paint) of every item a chart draws, the method read from what the chart shows: the
   * series name (one series per method), the x-axis label under the point, or the box's category.
   * The second group of a box plot is a lighter tint of the same colour, compared as its base.
   */
  private static List<Map.Entry<String, java.awt.Paint>> drawnPaints(JFreeChart chart) {
    List<Map.Entry<String, java.awt.Paint>> out = new java.util.ArrayList<>();
    if (chart.getPlot() instanceof XYPlot xy) {
      XYDataset data = xy.getDataset();
      String[] labels = xy.getDomainAxis() instanceof SymbolAxis sa ? sa.getSymbols() : null;
      for (int s = 0; s < data.getSeriesCount(); s++) {
        for (int i = 0; i < data.getItemCount(s); i++) {
          String method = labels == null ? data.getSeriesKey(s).toString()
              : labels[(int) Math.round(data.getXValue(s, i))];
          out.add(Map.entry(method, xy.getRenderer().getItemPaint(s, i)));
        }
      }
    } else {
      CategoryPlot cp = (CategoryPlot) chart.getPlot();
      for (int row = 0; row < cp.getDataset().getRowCount(); row++) {
        for (int col = 0; col < cp.getDataset().getColumnCount(); col++) {
          String method = cp.getDataset().getColumnKey(col).toString();
          java.awt.Paint p = cp.getRenderer().getItemPaint(row, col);
          java.awt.Color base = MethodColors.of(method);
          out.add(Map.entry(method, row == 0 || !p.equals(MethodColors.lighter(base, 0.55)) ? p : base));
        }
      }
    }
    return out;
  }

  @Test
  void everyLeaderboardColumnSaysWhatItMeans() throws Exception {
    ReportData d = SyntheticReport.data();
    String html = Files.readString(HtmlReport.write(dir.resolve("r"), d));
    List<LeaderboardTables.Table> tables = LeaderboardTables.tables(List.of("ssim", "l2"), d.distanceMetrics());
    assertEquals(List.of("lds", "cost", "ablation"), tables.stream().map(LeaderboardTables.Table::id).toList());
    int columns = 0;
    for (LeaderboardTables.Table t : tables) {
      for (LeaderboardTables.Column c : t.columns()) {
        columns++;
        assertTrue(c.description().length() > 40, c.header());
        // a tooltip on the header and an entry in the table's legend
        assertTrue(html.contains("title=\"" + HtmlReport.esc(c.description().replace("&plusmn;", "\u00b1")
            .replace("&cap;", "\u2229")) + "\">" + HtmlReport.esc(c.header()) + "</th>"), c.header());
        assertTrue(html.contains("<dt>" + HtmlReport.esc(c.header()) + "</dt><dd>" + c.description() + "</dd>"),
            c.header());
      }
    }
    assertEquals(5 + 2 + 5 * 2 + 2, columns, "LDS 5, cost 2, ablation 5 per metric + removed + overlap");
    assertTrue(html.contains("Linear datamodeling score on generated targets"));
    assertTrue(html.contains("title=\"" + HtmlReport.esc(LeaderboardTables.METHOD.description())), "method column");
    // the method column stays in place when a wide table scrolls inside its box
    assertTrue(html.contains(".scroll { overflow-x: auto;"), "tables scroll inside their box");
    assertTrue(html.contains("table.board th.m { position: sticky; left: 0;"), "the method column is fixed");
  }

  @Test
  void chartsAreByteStable() {
    var rows = SyntheticReport.data().rows();
    String a = ChartFiles.svg(Charts.lds(rows), "lds", 600, 300);
    String b = ChartFiles.svg(Charts.lds(rows), "lds", 600, 300);
    assertEquals(a, b);
  }

  @Test
  void gridPlacesBeforeAndAfterImages() {
    float[] white = new float[4 * 4 * 3];
    Arrays.fill(white, 1f);
    float[] black = new float[4 * 4 * 3];
    Images before = new Images(1, 4, 4, 3, white);
    BufferedImage img = ImageGrid.render(before, Map.of("m", new Images(1, 4, 4, 3, black)), 5, 8);
    // scale 2: cells 8 x 8; header 22 px, row labels 36 px, gap 4 px
    assertEquals(36 + 2 * (8 + 4), img.getWidth());
    assertEquals(22 + (8 + 4), img.getHeight());
    assertEquals(0xffffff, img.getRGB(36 + 3, 22 + 3) & 0xffffff);
    assertEquals(0x000000, img.getRGB(36 + 12 + 3, 22 + 3) & 0xffffff);
    assertEquals(128, ImageGrid.to8(0.5f));
  }

  @Test
  void humanFormat() {
    assertEquals("0.500 [0.250, 0.750]", Formats.human(new Estimate(0.5, 0.25, 0.75, 3, "x"), 3));
    assertEquals("0.500", Formats.human(Estimate.pointOnly(0.5, 3), 3));
    assertEquals("", Formats.human(null, 3));
  }
}
