package org.tdabench.benchmark.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.tdabench.benchmark.ablation.Group;
import org.tdabench.benchmark.ablation.Similarities;
import org.tdabench.benchmark.stats.Estimate;

/**
 * The report's JFreeChart charts. Every score is drawn as a point with its interval as an error bar;
 * reference lines mark "no better than random" (LDS 0, AUC 0.5, Ratio 0).
 */
public final class Charts {
  private static final Color[] PALETTE = {
      new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
      new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
      new Color(0xbcbd22), new Color(0x17becf)};

  private Charts() {}

  /** LDS on generated and held-out targets per method, with intervals. */
  public static JFreeChart lds(List<LeaderboardRow> rows) {
    return perMethod("LDS (higher is better)", "LDS (Spearman)", rows, 0.0, List.of(
        new Series("gen targets", LeaderboardRow::ldsGen),
        new Series("val targets", LeaderboardRow::ldsVal)));
  }

  /** Ablation AUC ({@code statistic} "auc") or Ratio % ("ratio") of one metric, targets and controls. */
  public static JFreeChart ablation(List<LeaderboardRow> rows, String metric, String statistic) {
    boolean auc = statistic.equals("auc");
    if (!auc && !statistic.equals("ratio")) {
      throw new IllegalArgumentException("statistic must be auc or ratio: " + statistic);
    }
    String title = metric.toUpperCase(Locale.ROOT) + (auc
        ? " ablation AUC vs random removal (targets: higher is better; controls: 0.5 is ideal)"
        : " ablation Ratio % vs random removal (targets: lower is better; controls: 0 is ideal)");
    Function<LeaderboardRow.AblationCells, Estimate> t = auc
        ? LeaderboardRow.AblationCells::targetsAuc : LeaderboardRow.AblationCells::targetsRatio;
    Function<LeaderboardRow.AblationCells, Estimate> c = auc
        ? LeaderboardRow.AblationCells::controlsAuc : LeaderboardRow.AblationCells::controlsRatio;
    return perMethod(title, auc ? "AUC" : "Ratio %", rows, auc ? 0.5 : 0.0, List.of(
        new Series("targets", r -> r.ablation().containsKey(metric) ? t.apply(r.ablation().get(metric)) : null),
        new Series("controls", r -> r.ablation().containsKey(metric) ? c.apply(r.ablation().get(metric)) : null)));
  }

  /** LDS on generated targets against attribution seconds per target (log scale). */
  public static JFreeChart ldsVsCost(List<LeaderboardRow> rows) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    for (LeaderboardRow r : rows) {
      Estimate e = r.ldsGen();
      double x = r.attributionSecondsPerTarget();
      if (e == null || !Double.isFinite(e.value()) || !(x > 0)) {
        continue; // a log axis cannot show zero cost
      }
      YIntervalSeries s = new YIntervalSeries(r.method());
      s.add(x, e.value(), finiteOr(e.lo(), e.value()), finiteOr(e.hi(), e.value()));
      data.addSeries(s);
    }
    LogAxis xAxis = new LogAxis("attribution seconds per target (log scale)");
    xAxis.setTickUnit(new NumberTickUnit(1.0)); // one tick per power of ten
    xAxis.setNumberFormatOverride(new DecimalFormat("0.####", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    NumberAxis yAxis = new NumberAxis("LDS on generated targets");
    yAxis.setAutoRangeIncludesZero(true);
    XYPlot plot = new XYPlot(data, xAxis, yAxis, errorRenderer(data.getSeriesCount()));
    plot.addRangeMarker(referenceLine(0.0));
    return finish(new JFreeChart("LDS vs attribution cost", titleFont(), plot, true));
  }

  /** Box plots of one metric's before/after values per method, for targets and controls. */
  public static JFreeChart similarityDistribution(Map<String, Similarities> byMethod, String metric, boolean distance) {
    DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
    for (Map.Entry<String, Similarities> e : byMethod.entrySet()) {
      for (Group g : Group.values()) {
        List<Double> values = new ArrayList<>();
        for (double v : e.getValue().get(g, metric)) {
          values.add(v);
        }
        data.add(values, g.id(), e.getKey());
      }
    }
    CategoryAxis xAxis = new CategoryAxis("method");
    xAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    NumberAxis yAxis = new NumberAxis(metric + (distance ? " distance (higher = more changed)"
        : " similarity (lower = more changed)"));
    yAxis.setAutoRangeIncludesZero(false);
    BoxAndWhiskerRenderer renderer = new BoxAndWhiskerRenderer();
    renderer.setMeanVisible(false);
    renderer.setMaximumBarWidth(0.06);
    renderer.setMaxOutlierVisible(true);
    renderer.setMinOutlierVisible(true);
    renderer.setFillBox(true);
    renderer.setSeriesPaint(0, PALETTE[0]);
    renderer.setSeriesPaint(1, PALETTE[7]);
    CategoryPlot plot = new CategoryPlot(data, xAxis, yAxis, renderer);
    return finish(new JFreeChart(metric.toUpperCase(Locale.ROOT)
        + " before vs after removal, per image", titleFont(), plot, true));
  }

  private record Series(String name, Function<LeaderboardRow, Estimate> value) {}

  private static JFreeChart perMethod(String title, String yLabel, List<LeaderboardRow> rows, double reference,
      List<Series> series) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    double width = 0.5;
    for (int s = 0; s < series.size(); s++) {
      YIntervalSeries ys = new YIntervalSeries(series.get(s).name());
      double offset = series.size() == 1 ? 0 : -width / 2 + width * s / (series.size() - 1);
      for (int m = 0; m < rows.size(); m++) {
        Estimate e = series.get(s).value().apply(rows.get(m));
        if (e == null || !Double.isFinite(e.value())) {
          continue;
        }
        ys.add(m + offset, e.value(), finiteOr(e.lo(), e.value()), finiteOr(e.hi(), e.value()));
      }
      data.addSeries(ys);
    }
    SymbolAxis xAxis = new SymbolAxis("method", rows.stream().map(LeaderboardRow::method).toArray(String[]::new));
    xAxis.setGridBandsVisible(false);
    xAxis.setVerticalTickLabels(rows.size() > 6);
    NumberAxis yAxis = new NumberAxis(yLabel);
    yAxis.setAutoRangeIncludesZero(reference == 0.0);
    XYPlot plot = new XYPlot(data, xAxis, yAxis, errorRenderer(series.size()));
    plot.addRangeMarker(referenceLine(reference));
    xAxis.setRange(-0.75, rows.size() - 0.25);
    return finish(new JFreeChart(title, titleFont(), plot, true));
  }

  private static XYErrorRenderer errorRenderer(int series) {
    XYErrorRenderer r = new XYErrorRenderer();
    r.setDrawXError(false);
    r.setDefaultLinesVisible(false);
    r.setDefaultShapesVisible(true);
    r.setErrorStroke(new BasicStroke(1.5f));
    r.setCapLength(6);
    for (int i = 0; i < series; i++) {
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
    return r;
  }

  private static ValueMarker referenceLine(double at) {
    ValueMarker m = new ValueMarker(at);
    m.setPaint(Color.GRAY);
    m.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
    return m;
  }

  private static JFreeChart finish(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getPlot().setBackgroundPaint(new Color(0xfafafa));
    return chart;
  }

  private static Font titleFont() {
    return new Font(Font.SANS_SERIF, Font.BOLD, 14);
  }

  private static double finiteOr(double v, double fallback) {
    return Double.isFinite(v) ? v : fallback;
  }
}
