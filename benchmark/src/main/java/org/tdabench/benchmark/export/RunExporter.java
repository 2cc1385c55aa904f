package org.tdabench.benchmark.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.tdabench.benchmark.ablation.RemovalSet;
import org.tdabench.benchmark.report.CsvFiles;
import org.tdabench.benchmark.report.PerTargetCsv;
import org.tdabench.core.AtomicFiles;

/**
 * Writes an {@link ExportBundle} as plain files numpy and pandas read (the most common complaint
 * about published TDA numbers is that the LDS cannot be recomputed):
 *
 * <pre>
 * README.txt                              what every file holds, with shapes, and how to recompute
 * lds/masks-&lt;family&gt;.npy                   bool    M x N
 * lds/ground-truth-&lt;family&gt;-&lt;split&gt;.npy    float64 M x T
 * scores/&lt;method&gt;-&lt;split&gt;.npy              float32 T x N
 * ablation/topk-&lt;method&gt;.npy                int32   T x k
 * ablation/removed-&lt;method&gt;.npy             int32   U
 * ablation/topk.csv                       method,target,rank,train_id
 * ablation/similarities.csv               method,group,index,&lt;metric&gt;...
 * </pre>
 */
public final class RunExporter {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private RunExporter() {}

  /** Writes everything under {@code out}; returns the README lines. */
  public static List<String> write(Path out, ExportBundle b) throws IOException {
    List<String> readme = new ArrayList<>();
    readme.add("tdabench export: the LDS and ablation ingredients of one run, as NumPy .npy (numpy.load) and CSV.");
    readme.add("Indices are 0-based; training id i is row i of the prepared dataset, target t is row t of a score matrix.");
    readme.add("");
    readme.add("LDS");
    for (var e : b.masks().entrySet()) {
      String f = "lds/masks-" + safe(e.getKey()) + ".npy";
      Npy.write(out.resolve(f), e.getValue().masks());
      readme.add(line(f, "bool", e.getValue().subsets() + " x " + e.getValue().trainingSize(),
          "subset membership of family '" + e.getKey() + "' (M subsets x N training samples)"));
    }
    for (var fam : b.groundTruth().entrySet()) {
      for (var split : fam.getValue().entrySet()) {
        double[][] gt = split.getValue();
        String f = "lds/ground-truth-" + safe(fam.getKey()) + "-" + safe(split.getKey()) + ".npy";
        Npy.write(out.resolve(f), gt);
        readme.add(line(f, "float64", gt.length + " x " + (gt.length == 0 ? 0 : gt[0].length),
            "loss of each " + split.getKey() + " target under each subset model (M x T), mean over retraining "
                + "seeds; lower = better fit"));
      }
    }
    for (var m : b.scores().entrySet()) {
      for (var split : m.getValue().entrySet()) {
        float[][] s = split.getValue();
        String f = "scores/" + safe(m.getKey()) + "-" + safe(split.getKey()) + ".npy";
        Npy.write(out.resolve(f), s);
        readme.add(line(f, "float32", s.length + " x " + (s.length == 0 ? 0 : s[0].length),
            "scores of method '" + m.getKey() + "' for the " + split.getKey() + " targets (T x N); higher = more "
                + "influential"));
      }
    }
    readme.add("  LDS(t) = scipy.stats.spearmanr(masks.astype(np.float64) @ scores[t].astype(np.float64), "
        + "-ground_truth[:, t]).statistic; the leaderboard reports the mean over t (the eval family).");
    readme.add("  Sum in float64 as shown: float32 sums can create or break ties between subsets and change the ranks.");
    readme.add("");
    readme.add("Ablation");
    List<List<String>> topkRows = new ArrayList<>();
    for (var m : b.topK().entrySet()) {
      int[][] lists = m.getValue().toArray(int[][]::new);
      String f = "ablation/topk-" + safe(m.getKey()) + ".npy";
      Npy.write(out.resolve(f), lists);
      readme.add(line(f, "int32", lists.length + " x " + (lists.length == 0 ? 0 : lists[0].length),
          "top-k training ids per target of '" + m.getKey() + "', most influential first (ties: lower id first)"));
      for (int t = 0; t < lists.length; t++) {
        for (int r = 0; r < lists[t].length; r++) {
          topkRows.add(List.of(m.getKey(), Integer.toString(t), Integer.toString(r), Integer.toString(lists[t][r])));
        }
      }
    }
    for (Map.Entry<String, RemovalSet> m : b.removals().entrySet()) {
      String f = "ablation/removed-" + safe(m.getKey()) + ".npy";
      Npy.write(out.resolve(f), m.getValue().removed());
      readme.add(line(f, "int32", Integer.toString(m.getValue().size()),
          "training ids removed before retraining for '" + m.getKey() + "' (union of all targets' top-k, sorted)"));
    }
    if (!topkRows.isEmpty()) {
      CsvFiles.write(out.resolve("ablation/topk.csv"), List.of("method", "target", "rank", "train_id"), topkRows);
      readme.add(line("ablation/topk.csv", "csv", topkRows.size() + " rows", "the top-k lists in long form"));
    }
    if (!b.similarities().isEmpty()) {
      PerTargetCsv.writeSimilarities(out.resolve("ablation/similarities.csv"), b.metrics(), b.similarities());
      readme.add(line("ablation/similarities.csv", "csv", "method,group,index," + String.join(",", b.metrics()),
          "per-image metric between each image before and after removal (same noise and condition); "
              + "values with 6 decimals"));
    }
    readme.add("  AUC = P(sim_random > sim_method) + 0.5 P(equal); Ratio % = mean(100 (sim / max(median(sim_random), "
        + "0.01) - 1)); distances (l2) are negated for AUC and their Ratio sign is flipped.");
    String text = String.join("\n", readme) + "\n";
    AtomicFiles.writeBytes(out.resolve("README.txt"), text.getBytes(StandardCharsets.UTF_8));
    return readme;
  }

  private static String line(String file, String dtype, String shape, String meaning) {
    return "  " + file + "  [" + dtype + ", " + shape + "]  " + meaning;
  }

  private static String safe(String name) {
    if (!SAFE.matcher(name).matches()) {
      throw new IllegalArgumentException("name not usable in a file name: '" + name + "'");
    }
    return name;
  }

}
