package org.tdabench.benchmark.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.benchmark.ablation.RemovalSet;
import org.tdabench.benchmark.ablation.Similarities;
import org.tdabench.benchmark.lds.Lds;
import org.tdabench.benchmark.lds.SubsetMasks;
import org.tdabench.benchmark.lds.SubsetSampler;
import org.tdabench.benchmark.report.CsvFiles;
import org.tdabench.core.SeedTree;

/** Exports a small run and recomputes the LDS from the exported files alone. */
public class RunExporterTest {
  @TempDir Path dir;

  /** A small bundle: 6 training samples, 4 eval subsets, 2 gen targets, one method. */
  public static ExportBundle bundle() {
    SubsetMasks masks = SubsetSampler.draw(SeedTree.root(1), "eval", 4, 6, 0.5, null);
    float[][] scores = {{0.9f, 0.1f, 0.5f, 0.2f, 0.0f, 0.3f}, {0.0f, 0.8f, 0.1f, 0.7f, 0.2f, 0.1f}};
    double[][] gt = new double[4][2];
    double[][] g = Lds.predictions(masks, scores);
    for (int j = 0; j < 4; j++) {
      for (int t = 0; t < 2; t++) {
        gt[j][t] = -g[t][j] + 0.01 * j;
      }
    }
    List<int[]> topK = List.of(new int[] {0, 2}, new int[] {1, 3});
    Similarities sims = new Similarities(Map.of("ssim", new double[] {0.9, 0.8}, "l2", new double[] {1.0, 2.0}),
        Map.of("ssim", new double[] {0.95, 0.97}, "l2", new double[] {0.5, 0.4}));
    return new ExportBundle(Map.of("eval", masks), Map.of("eval", Map.of("gen", gt)), Map.of("pixel",
        Map.of("gen", scores)), Map.of("pixel", topK), Map.of("pixel", RemovalSet.union(topK, 6)),
        List.of("ssim", "l2"), Map.of("pixel", sims));
  }

  @Test
  void exportedFilesRecomputeTheLds() throws Exception {
    ExportBundle b = bundle();
    List<String> readme = RunExporter.write(dir, b);
    assertTrue(readme.stream().anyMatch(l -> l.contains("lds/masks-eval.npy  [bool, 4 x 6]")), readme.toString());
    assertTrue(Files.readString(dir.resolve("README.txt")).contains("scores/pixel-gen.npy  [float32, 2 x 6]"));

    Npy.Array m = Npy.read(dir.resolve("lds/masks-eval.npy"));
    Npy.Array s = Npy.read(dir.resolve("scores/pixel-gen.npy"));
    Npy.Array gt = Npy.read(dir.resolve("lds/ground-truth-eval-gen.npy"));
    boolean[] mask = m.booleans();
    float[] sc = s.floats();
    double[] l = gt.doubles();
    boolean[][] masks = new boolean[4][6];
    float[][] scores = new float[2][6];
    double[][] truth = new double[4][2];
    for (int j = 0; j < 4; j++) {
      System.arraycopy(mask, j * 6, masks[j], 0, 6);
      System.arraycopy(l, j * 2, truth[j], 0, 2);
    }
    for (int t = 0; t < 2; t++) {
      System.arraycopy(sc, t * 6, scores[t], 0, 6);
    }
    double fromFiles = Lds.meanOnly(new SubsetMasks("eval", masks), truth, scores);
    double direct = Lds.meanOnly(b.masks().get("eval"), b.groundTruth().get("eval").get("gen"),
        b.scores().get("pixel").get("gen"));
    assertEquals(direct, fromFiles, 0);
    // numpy on the exported files, following the README's recipe (float64 sums):
    //   m = np.load("lds/masks-eval.npy"); s = np.load("scores/pixel-gen.npy");
    //   gt = np.load("lds/ground-truth-eval-gen.npy")
    //   np.mean([spearmanr(m.astype(np.float64) @ s[t].astype(np.float64), -gt[:, t]).statistic
    //       for t in range(s.shape[0])])
    // (float32 sums, m @ s[t], tie subsets 2 and 3 of target 1 and give 0.974341649025257 instead)
    assertEquals(0.8999999999999999, fromFiles, 1e-12);

    assertArrayEquals(new int[] {0, 2, 1, 3}, Npy.read(dir.resolve("ablation/topk-pixel.npy")).ints());
    assertArrayEquals(new int[] {0, 1, 2, 3}, Npy.read(dir.resolve("ablation/removed-pixel.npy")).ints());
    List<String[]> topk = CsvFiles.read(dir.resolve("ablation/topk.csv"));
    assertEquals(5, topk.size());
    assertArrayEquals(new String[] {"pixel", "1", "0", "1"}, topk.get(3));
    List<String[]> sims = CsvFiles.read(dir.resolve("ablation/similarities.csv"));
    assertArrayEquals(new String[] {"method", "group", "index", "ssim", "l2"}, sims.get(0));
    assertArrayEquals(new String[] {"pixel", "controls", "1", "0.970000", "0.400000"}, sims.get(4));
  }

  /** Writes the bundle to {@code args[0]} (used once to check the files with numpy). */
  public static void main(String[] args) throws Exception {
    RunExporter.write(Path.of(args[0]), bundle());
  }
}
