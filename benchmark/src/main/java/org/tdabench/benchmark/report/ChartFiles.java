package org.tdabench.benchmark.report;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.tdabench.core.AtomicFiles;

/**
 * Saves a chart as PNG (JFreeChart's {@link ChartUtils}) and SVG (JFreeSVG's {@link SVGGraphics2D}),
 * both written atomically. The SVG's element-id prefix is fixed so the same chart gives the same bytes
 * (JFreeSVG's default prefix contains a timestamp).
 */
public final class ChartFiles {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private ChartFiles() {}

  /** The two files written for a chart. */
  public record Saved(Path png, Path svg) {}

  /** Writes {@code <folder>/<name>.png} and {@code <folder>/<name>.svg}. */
  public static Saved save(JFreeChart chart, Path folder, String name, int width, int height) throws IOException {
    Path png = folder.resolve(name + ".png");
    Path svg = folder.resolve(name + ".svg");
    AtomicFiles.writeFile(png, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    AtomicFiles.writeBytes(svg, svg(chart, name, width, height).getBytes(StandardCharsets.UTF_8));
    return new Saved(png, svg);
  }

  /** The chart as an SVG document. */
  public static String svg(JFreeChart chart, String idPrefix, int width, int height) {
    SVGGraphics2D g2 = new SVGGraphics2D(width, height);
    g2.setDefsKeyPrefix(idPrefix.replaceAll("[^A-Za-z0-9_-]", "_") + "_");
    chart.draw(g2, new Rectangle(0, 0, width, height));
    return g2.getSVGDocument();
  }
}
