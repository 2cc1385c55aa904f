package org.tdabench.benchmark.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
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
 * reference lines mark "no better than random" (LDS 0, AUC 0.5, Ratio 0). Every method is drawn in
 * its {@link MethodColors} colour in every chart; where one chart shows two groups per method (gen
 * and val targets, targets and controls), the first is a filled circle and the second an open
 * square (a lighter box in box plots), and the legend shows those marks in grey.
 */
public final class Charts {
  /** Legend colours of the first and second group of a chart. */
  private static final Color[] GROUP_LEGEND = {new Color(0x555555), new Color(0xbbbbbb)};
  /** How much lighter the second group's boxes are. */
  private static final double SECOND_GROUP_LIGHTER = 0.55;

  private Charts() {}

  /** LDS on generated and held-out targets per method, with intervals. */
  public static JFreeChart lds(List<LeaderboardRow> rows) {
    return perMethod("LDS (higher is better)", "LDS (Spearman)", rows, 0.0, List.of(
        new Series("gen targets", LeaderboardRow::ldsGen),
        new Series("val targets", LeaderboardRow::ldsVal)));
  }

  /** Paired LDS differences to random on generated and held-out targets. */
  public static JFreeChart ldsVsRandom(List<LeaderboardRow> rows) {
    return perMethod("LDS minus random, paired (above 0 separates)", "LDS difference", rows, 0.0, List.of(
        new Series("gen targets", LeaderboardRow::ldsGenVsRandom),
        new Series("val targets", LeaderboardRow::ldsValVsRandom)));
  }

  /**
   * Ablation of one metric: AUC ({@code statistic} "auc") or Ratio % ("ratio") for targets and
   * controls, or the within-model specificity ("specificity") with its difference to random.
   */
  public static JFreeChart ablation(List<LeaderboardRow> rows, String metric, String statistic) {
    if (statistic.equals("specificity")) {
      return perMethod(metric.toUpperCase(Locale.ROOT) + " ablation specificity (0.5 = not specific)",
          "P(control changed less than target)", rows, 0.5, List.of(
              new Series("method", r -> r.ablation().containsKey(metric) ? r.ablation().get(metric).specificity() : null)));
    }
    boolean auc = statistic.equals("auc");
    if (!auc && !statistic.equals("ratio")) {
      throw new IllegalArgumentException("statistic must be auc, ratio or specificity: " + statistic);
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
    MethodErrorRenderer renderer = new MethodErrorRenderer((s, i) -> data.getSeriesKey(s).toString());
    for (int i = 0; i < data.getSeriesCount(); i++) {
      renderer.setSeriesPaint(i, MethodColors.of(data.getSeriesKey(i).toString())); // the legend names methods
      renderer.setSeriesShape(i, CIRCLE);
    }
    XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
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
    BoxAndWhiskerRenderer renderer = new MethodBoxRenderer(data);
    renderer.setMeanVisible(false);
    renderer.setMaximumBarWidth(0.06);
    renderer.setMaxOutlierVisible(true);
    renderer.setMinOutlierVisible(true);
    renderer.setFillBox(true);
    renderer.setSeriesPaint(0, GROUP_LEGEND[0]);
    renderer.setSeriesPaint(1, GROUP_LEGEND[1]);
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
    // the x position of a point is its method's index (plus the group's offset)
    MethodErrorRenderer renderer = new MethodErrorRenderer(
        (s, i) -> rows.get((int) Math.round(data.getXValue(s, i))).method());
    for (int s = 0; s < series.size(); s++) {
      renderer.setSeriesPaint(s, GROUP_LEGEND[0]);
      renderer.setSeriesShape(s, s == 0 ? CIRCLE : SQUARE);
      renderer.setSeriesShapesFilled(s, s == 0);
    }
    XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
    plot.addRangeMarker(referenceLine(reference));
    xAxis.setRange(-0.75, rows.size() - 0.25);
    return finish(new JFreeChart(title, titleFont(), plot, true));
  }

  private static final Shape CIRCLE = new Ellipse2D.Double(-4, -4, 8, 8);
  private static final Shape SQUARE = new Rectangle2D.Double(-4, -4, 8, 8);

  /** Points and error bars in the colour of the method each item belongs to. */
  static final class MethodErrorRenderer extends XYErrorRenderer {
    private static final long serialVersionUID = 1L;
    private final transient BiFunction<Integer, Integer, String> methodOf;

    MethodErrorRenderer(BiFunction<Integer, Integer, String> methodOf) {
      this.methodOf = methodOf;
      setDrawXError(false);
      setDefaultLinesVisible(false);
      setDefaultShapesVisible(true);
      setErrorStroke(new BasicStroke(1.5f));
      setCapLength(6);
    }

    @Override
    public Paint getItemPaint(int series, int item) {
      return MethodColors.of(methodOf.apply(series, item));
    }
  }

  /** Boxes in their method's colour (a column is a method), the second group lighter. */
  static final class MethodBoxRenderer extends BoxAndWhiskerRenderer {
    private static final long serialVersionUID = 1L;
    private final transient DefaultBoxAndWhiskerCategoryDataset data;

    MethodBoxRenderer(DefaultBoxAndWhiskerCategoryDataset data) {
      this.data = data;
    }

    @Override
    public Paint getItemPaint(int row, int column) {
      Color c = MethodColors.of(data.getColumnKey(column).toString());
      return row == 0 ? c : MethodColors.lighter(c, SECOND_GROUP_LIGHTER);
    }
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
