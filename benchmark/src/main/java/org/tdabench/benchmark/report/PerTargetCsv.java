package org.tdabench.benchmark.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tdabench.benchmark.ablation.Group;
import org.tdabench.benchmark.ablation.Similarities;

/**
 * Per-target CSVs beside the leaderboard: the LDS of every target, and the before/after value of
 * every ablation metric for every target and control, so a reader can look behind every mean.
 */
public final class PerTargetCsv {
  private PerTargetCsv() {}

  /**
   * {@code method,split,target,lds}, one line per method, split ("gen"/"val") and target.
   *
   * @param perTarget method -> split -> LDS per target
   */
  public static void writeLds(Path file, Map<String, Map<String, double[]>> perTarget) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (var m : perTarget.entrySet()) {
      for (var s : m.getValue().entrySet()) {
        double[] v = s.getValue();
        for (int t = 0; t < v.length; t++) {
          rows.add(List.of(m.getKey(), s.getKey(), Integer.toString(t), Formats.num(v[t])));
        }
      }
    }
    CsvFiles.write(file, List.of("method", "split", "target", "lds"), rows);
  }

  /**
   * {@code method,group,index,<metric>...}: one line per method and image, targets then controls.
   *
   * @param metrics metric column order
   */
  public static void writeSimilarities(Path file, List<String> metrics, Map<String, Similarities> byMethod)
      throws IOException {
    List<String> header = new ArrayList<>(List.of("method", "group", "index"));
    header.addAll(metrics);
    List<List<String>> rows = new ArrayList<>();
    for (var e : byMethod.entrySet()) {
      for (Group g : Group.values()) {
        int n = e.getValue().get(g, metrics.get(0)).length;
        for (int i = 0; i < n; i++) {
          List<String> r = new ArrayList<>(List.of(e.getKey(), g.id(), Integer.toString(i)));
          for (String m : metrics) {
            r.add(Formats.num(e.getValue().get(g, m)[i]));
          }
          rows.add(r);
        }
      }
    }
    CsvFiles.write(file, header, rows);
  }
}
