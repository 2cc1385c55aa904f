package org.tdabench.benchmark.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.benchmark.ablation.AblationAnalysis;
import org.tdabench.benchmark.ablation.SeedInput;
import org.tdabench.benchmark.ablation.AblationSummary;
import org.tdabench.benchmark.ablation.PixelL2;
import org.tdabench.benchmark.ablation.RemovalSet;
import org.tdabench.benchmark.ablation.Similarities;
import org.tdabench.benchmark.ablation.Ssim;
import org.tdabench.benchmark.lds.HyperparameterSelection;
import org.tdabench.benchmark.lds.Lds;
import org.tdabench.benchmark.lds.SubsetMasks;
import org.tdabench.benchmark.lds.SubsetSampler;
import org.tdabench.benchmark.lds.TunedLds;
import org.tdabench.benchmark.stats.Bootstrap;
import org.tdabench.core.SeedTree;

class DetailCsvTest {
  @TempDir Path dir;

  private static AblationSummary summary() {
    Map<String, List<SeedInput>> in = new LinkedHashMap<>();
    List<int[]> lists = List.of(new int[] {0, 1}, new int[] {1, 2});
    Similarities random = new Similarities(
        Map.of("ssim", new double[] {0.9, 0.8, 0.85}, "l2", new double[] {1, 2, 1.5}),
        Map.of("ssim", new double[] {0.9, 0.9, 0.9}, "l2", new double[] {1, 1, 1}));
    Similarities pixel = new Similarities(
        Map.of("ssim", new double[] {0.5, 0.6, 0.55}, "l2", new double[] {4, 5, 4.5}),
        Map.of("ssim", new double[] {0.9, 0.9, 0.9}, "l2", new double[] {1, 1, 1}));
    in.put("random", List.of(new SeedInput(random, random, lists, RemovalSet.union(lists, 5))));
    in.put("pixel", List.of(new SeedInput(pixel, random, lists, RemovalSet.union(lists, 5))));
    return new AblationAnalysis(List.of(new Ssim(), new PixelL2()), 0.95).analyse(in);
  }

  @Test
  void ablationDetailTables() throws Exception {
    AblationSummary s = summary();
    AblationCsv.writeStatistics(dir.resolve("a.csv"), s);
    List<String[]> stats = CsvFiles.read(dir.resolve("a.csv"));
    assertEquals(1 + 2 * 2 * 2, stats.size());
    String[] pixelSsimTargets = stats.stream().filter(r -> r[0].equals("pixel") && r[1].equals("ssim")
        && r[2].equals("targets")).findFirst().orElseThrow();
    assertEquals("1.000000", pixelSsimTargets[4]);
    assertEquals("1", pixelSsimTargets[12], "one seed");
    assertEquals("3", pixelSsimTargets[13]);

    AblationCsv.writeOverlap(dir.resolve("o.csv"), s);
    List<String[]> o = CsvFiles.read(dir.resolve("o.csv"));
    assertArrayEquals(new String[] {"random", "pixel", "100.000000", "100.000000", "100.000000"}, o.get(2));
  }

  @Test
  void ldsTableLabelsTheOptimisticValue() throws Exception {
    SeedTree root = SeedTree.root(2);
    SubsetMasks tune = SubsetSampler.draw(root, "tune", 5, 6, 0.5, null);
    SubsetMasks eval = SubsetSampler.draw(root, "eval", 5, 6, 0.5, null);
    float[][] a = {{1, 2, 3, 4, 5, 6}};
    float[][] b = {{6, 5, 4, 3, 2, 1}};
    double[][] gtTune = new double[5][1];
    double[][] gtEval = new double[5][1];
    for (int j = 0; j < 5; j++) {
      gtTune[j][0] = -Arrays.stream(tune.members(j)).map(i -> i + 1).sum();
      gtEval[j][0] = Arrays.stream(eval.members(j)).map(i -> i + 1).sum();
    }
    Map<String, float[][]> cand = new LinkedHashMap<>();
    cand.put("lambda=1", a);
    cand.put("lambda=2", b);
    TunedLds t = new HyperparameterSelection(new Lds(0.95)).select(cand, "lambda=1", tune, gtTune, eval, gtEval);
    LdsCsv.write(dir.resolve("lds.csv"), List.of(new LdsCsv.Entry("trak", "gen", t.eval(), null, t)));
    List<String[]> rows = CsvFiles.read(dir.resolve("lds.csv"));
    List<String> h = Arrays.asList(rows.get(0));
    assertEquals("lambda=1", rows.get(1)[h.indexOf("chosen_on_tune")]);
    assertEquals("lambda=2", rows.get(1)[h.indexOf("optimistic_choice")]);
    assertEquals("-1.000000", rows.get(1)[h.indexOf("lds")], "chosen on tune, it is anti-correlated on eval");
    assertEquals("1.000000", rows.get(1)[h.indexOf("optimistic_lds_best_on_eval")]);
  }

  @Test
  void builderDefaultsMeanNotTakingPart() {
    LeaderboardRow r = LeaderboardRow.builder("x").secondsPerTarget(2).hash("scores", "aa").build();
    assertEquals(null, r.ldsGen());
    assertEquals(-1, r.removalUnionSize());
    assertTrue(Double.isNaN(r.ldsGenOptimistic()));
    assertEquals(Map.of("scores", "aa"), r.recipeHashes());
    LeaderboardRow full = LeaderboardRow.builder("pixel").ablation(summary().method("pixel"), List.of("ssim")).build();
    assertEquals(3, full.removalUnionSize());
    assertEquals(List.of("ssim"), List.copyOf(full.ablation().keySet()));
  }
}
