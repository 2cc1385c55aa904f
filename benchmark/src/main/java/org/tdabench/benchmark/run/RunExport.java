package org.tdabench.benchmark.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.benchmark.ablation.Images;
import org.tdabench.benchmark.ablation.PixelL2;
import org.tdabench.benchmark.ablation.RemovalSet;
import org.tdabench.benchmark.ablation.SimilarityMetric;
import org.tdabench.benchmark.ablation.Similarities;
import org.tdabench.benchmark.ablation.Ssim;
import org.tdabench.benchmark.export.ExportBundle;
import org.tdabench.benchmark.export.RunExporter;
import org.tdabench.benchmark.lds.SubsetMasks;
import org.tdabench.benchmark.lds.SubsetSampler;
import org.tdabench.methods.api.Methods;
import org.tdabench.methods.api.Scores;
import org.tdabench.methods.api.Targets;

/**
 * Writes a finished run's LDS and ablation ingredients (subset masks, ground truth, every score
 * matrix, top-k lists, removals, per-image similarities) in formats numpy and pandas read, so every
 * leaderboard number can be recomputed independently.
 */
public final class RunExport {
  private RunExport() {}

  public static void write(RunConfig cfg, Path dir) throws Exception {
    RunContext ctx = RunContext.open(cfg);
    List<String> methods = new Pipeline(cfg, new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).methods();
    TargetSet t0 = TargetStage.targets(ctx, 0);
    int gen = t0.gen();
    int val = t0.val();
    Map<String, SubsetMasks> masks = new LinkedHashMap<>();
    Map<String, Map<String, double[][]>> gt = new LinkedHashMap<>();
    for (String family : List.of(SubsetSampler.EVAL, SubsetSampler.TUNE)) {
      masks.put(family, LdsStage.masks(ctx, family, LdsStage.subsets(ctx, family)));
      double[][] g = LdsStage.groundTruthMatrix(ctx, family);
      Map<String, double[][]> bySplit = new LinkedHashMap<>();
      bySplit.put("gen", RunAnalysis.columns(g, 0, gen));
      if (val > 0) {
        bySplit.put("val", RunAnalysis.columns(g, gen, gen + val));
      }
      gt.put(family, bySplit);
    }
    var a = ctx.model.arch();
    List<SimilarityMetric> metrics = List.of(new Ssim(RunAnalysis.ssimFor(Math.min(a.imageHeight(), a.imageWidth()))),
        new PixelL2());
    Map<String, Map<String, float[][]>> scores = new LinkedHashMap<>();
    Map<String, List<int[]>> topK = new LinkedHashMap<>();
    Map<String, RemovalSet> removals = new LinkedHashMap<>();
    Map<String, Similarities> sims = new LinkedHashMap<>();
    for (String m : methods) {
      if (AttributionStage.unavailable(ctx, Methods.get(m), 0).isPresent()) {
        continue;
      }
      Scores s = Tuning.scores(ctx, m, 0);
      Map<String, float[][]> bySplit = new LinkedHashMap<>();
      for (Targets.Kind k : Targets.Kind.values()) {
        int[] rows = t0.rows(k);
        if (rows.length > 0) {
          bySplit.put(k.name().toLowerCase(java.util.Locale.ROOT), RunAnalysis.rows(s, rows));
        }
      }
      scores.put(m, bySplit);
      AblationStage.Outcome o = AblationStage.run(ctx, m, 0);
      topK.put(m, o.topK());
      removals.put(m, o.removal());
      int nt = t0.ablation();
      int nc = t0.controlInfo().size();
      Images before = Images.fromSigned(nt + nc, a.imageHeight(), a.imageWidth(), a.imageChannels(), o.before());
      Images after = Images.fromSigned(nt + nc, a.imageHeight(), a.imageWidth(), a.imageChannels(), o.after());
      sims.put(m, Similarities.measure(metrics, before.slice(0, nt), after.slice(0, nt), before.slice(nt, nt + nc),
          after.slice(nt, nt + nc)));
    }
    RunExporter.write(dir, new ExportBundle(masks, gt, scores, topK, removals,
        metrics.stream().map(SimilarityMetric::name).toList(), sims));
  }
}
