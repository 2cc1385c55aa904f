package org.tdabench.benchmark.report;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.benchmark.ablation.AblationAnalysis;
import org.tdabench.benchmark.ablation.AblationSummary;
import org.tdabench.benchmark.ablation.Images;
import org.tdabench.benchmark.ablation.PixelL2;
import org.tdabench.benchmark.ablation.RemovalSet;
import org.tdabench.benchmark.ablation.SimilarityMetric;
import org.tdabench.benchmark.ablation.Similarities;
import org.tdabench.benchmark.ablation.Ssim;
import org.tdabench.benchmark.ablation.TopK;
import org.tdabench.benchmark.stats.Bootstrap;
import org.tdabench.benchmark.stats.Estimate;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;

/**
 * A complete report built from synthetic numbers and images, for tests and for looking at the
 * rendered page: {@code main(outFolder)} writes results/ and reports/ there.
 */
public final class SyntheticReport {
  static final List<String> METHODS = List.of("random", "pixel", "condition", "mucs");
  static final double[] STRENGTH = {0.0, 0.35, 0.2, 0.7};
  static final int N = 200;
  static final int T = 8;

  private SyntheticReport() {}

  /** Smooth colourful 16x16 images; {@code change} blends in a different pattern. */
  static Images images(int count, double change, long seed) {
    int h = 16;
    int w = 16;
    float[] d = new float[count * h * w * 3];
    for (int i = 0; i < count; i++) {
      CounterRng rng = SeedTree.root(seed).child("img", i).rng();
      double fx = 0.2 + 0.3 * rng.nextDouble();
      double fy = 0.2 + 0.3 * rng.nextDouble();
      double ph = 6 * rng.nextDouble();
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int c = 0; c < 3; c++) {
            double base = 0.5 + 0.45 * Math.sin(fx * x + fy * y + ph + 2.1 * c);
            double other = 0.5 + 0.45 * Math.cos(0.4 * x - 0.5 * y + 1.3 * c + i);
            d[((i * h + y) * w + x) * 3 + c] = (float) ((1 - change) * base + change * other);
          }
        }
      }
    }
    return new Images(count, h, w, 3, d);
  }

  static ReportData data() {
    List<SimilarityMetric> metrics = List.of(new Ssim(), new PixelL2());
    Images before = images(T, 0.0, 1);
    Images controlsBefore = images(T, 0.0, 2);
    Map<String, List<org.tdabench.benchmark.ablation.SeedInput>> inputs = new LinkedHashMap<>();
    Similarities reference = Similarities.measure(metrics, before, images(T, 0.15, 1), controlsBefore,
        images(T, 0.15, 2));
    Map<String, Images> after = new LinkedHashMap<>();
    Map<String, Similarities> sims = new LinkedHashMap<>();
    for (int m = 0; m < METHODS.size(); m++) {
      String name = METHODS.get(m);
      Images targetsAfter = images(T, 0.15 + STRENGTH[m] * 0.5, 1);
      Images controlsAfter = images(T, 0.15, 2);
      Similarities s = Similarities.measure(metrics, before, targetsAfter, controlsBefore, controlsAfter);
      float[][] scores = new float[T][N];
      CounterRng rng = SeedTree.root(3).child("scores/" + name).rng();
      for (float[] row : scores) {
        rng.fillGaussian(row);
      }
      List<int[]> topK = TopK.perTarget(scores, TopK.k(N, 2.0) * 4);
      inputs.put(name, List.of(new org.tdabench.benchmark.ablation.SeedInput(s, reference, topK,
          RemovalSet.union(topK, N))));
      after.put(name, targetsAfter);
      sims.put(name, s);
    }
    AblationSummary summary = new AblationAnalysis(metrics, 0.95).analyse(inputs);
    List<LeaderboardRow> rows = new java.util.ArrayList<>();
    for (int m = 0; m < METHODS.size(); m++) {
      String name = METHODS.get(m);
      double l = 0.45 * STRENGTH[m];
      Map<String, LeaderboardRow.AblationCells> cells = new LinkedHashMap<>();
      for (SimilarityMetric metric : metrics) {
        cells.put(metric.name(), LeaderboardRow.AblationCells.of(summary.method(name), metric.name()));
      }
      rows.add(new LeaderboardRow(name,
          new Estimate(l, l - 0.08, l + 0.07, 16, "percentile bootstrap"),
          new Estimate(l * 0.8, l * 0.8 - 0.09, l * 0.8 + 0.09, 16, "percentile bootstrap"),
          new Estimate(l - 0.05, l - 0.12, l + 0.02, 16, "paired"), null, l > 0.12 ? "beats random" : "not separated",
          "", "", l + 0.02, l * 0.8 + 0.01, cells,
          summary.method(name).meanUnionSize(), summary.method(name).withinOverlap(),
          new Estimate(name.equals("random") ? 0.05 : 0.9, 0.0, 1.0, 20, "bootstrap"), 10,
          0.01 * Math.pow(10, m), new LeaderboardRow.Counts(16, 16, 0, 0, 32, 2, T, T, 1), true, "fp", "p",
          Map.of("scores", "ab".repeat(32), "lds", "cd".repeat(32))));
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("preset", "synthetic");
    meta.put("seed", "0");
    meta.put("note", "numbers are synthetic <not a real run>");
    return new ReportData("synthetic", "procedural", rows, List.of("l2"), sims,
        new ReportData.Grid(before, after, 6), java.util.Map.of(), meta,
        List.of("All numbers on this page are synthetic; they test the report, not any method."));
  }

  public static void main(String[] args) throws Exception {
    OutputLayout layout = new OutputLayout(Path.of(args[0]), "synthetic");
    ReportData d = data();
    LeaderboardCsv.write(layout.leaderboard(d.dataset()), d.rows());
    System.out.println(HtmlReport.write(layout.reportFolder(), d));
  }
}
