package org.tdabench.benchmark.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tdabench.benchmark.ablation.AblationAnalysis;
import org.tdabench.benchmark.ablation.AblationSummary;
import org.tdabench.benchmark.ablation.Images;
import org.tdabench.benchmark.ablation.PixelL2;
import org.tdabench.benchmark.ablation.RemovalSet;
import org.tdabench.benchmark.ablation.SimilarityMetric;
import org.tdabench.benchmark.ablation.Similarities;
import org.tdabench.benchmark.ablation.Ssim;
import org.tdabench.benchmark.ablation.SsimConfig;
import org.tdabench.benchmark.lds.HyperparameterSelection;
import org.tdabench.benchmark.lds.Lds;
import org.tdabench.benchmark.lds.LdsResult;
import org.tdabench.benchmark.lds.SubsetMasks;
import org.tdabench.benchmark.lds.SubsetSampler;
import org.tdabench.benchmark.lds.TunedLds;
import org.tdabench.benchmark.report.AblationCsv;
import org.tdabench.benchmark.report.HtmlReport;
import org.tdabench.benchmark.report.LdsCsv;
import org.tdabench.benchmark.report.LeaderboardCsv;
import org.tdabench.benchmark.report.LeaderboardRow;
import org.tdabench.benchmark.report.OutputLayout;
import org.tdabench.benchmark.report.PerTargetCsv;
import org.tdabench.benchmark.report.ReportData;
import org.tdabench.benchmark.retrieval.RecallAtK;
import org.tdabench.benchmark.stats.Bootstrap;
import org.tdabench.benchmark.stats.Estimate;
import org.tdabench.benchmark.store.Machine;
import org.tdabench.methods.api.Scores;
import org.tdabench.methods.api.Targets;

/**
 * Turns a finished run's artifacts into the leaderboard: LDS (gen and val, eval family, with
 * hyper-parameters chosen on the tune family), the retraining ablation against random removal,
 * self-retrieval recall@k, costs and recipe hashes; writes the CSVs and the HTML report.
 */
final class RunAnalysis {
  /**
   * SSIM as torchmetrics computes it with the reference's arguments (kernel_size 7, sigma 1.5,
   * gaussian_kernel True): with a Gaussian kernel torchmetrics sizes the window from sigma
   * (2 * int(3.5 sigma + 0.5) + 1 = 11) and ignores kernel_size; border cropped.
   */
  static final SsimConfig SSIM = new SsimConfig(11, 1.5, 0.01, 0.03, 1.0, true);

  /** The reference window where it fits (images of 16 px and more); tiny images get a 5 x 5 one. */
  static SsimConfig ssimFor(int side) {
    if (side >= 16) {
      return SSIM;
    }
    int w = Math.max(3, (side / 2 + 1) | 1);
    w = w > side / 2 + 1 ? w - 2 : w;
    return new SsimConfig(Math.max(3, w), 1.5, 0.01, 0.03, 1.0, true);
  }

  private final RunContext ctx;
  private final List<String> methods;
  private final Map<String, String> skipped;
  private final Bootstrap.Config boot;

  RunAnalysis(RunContext ctx, List<String> methods, Map<String, String> skipped) {
    this.ctx = ctx;
    this.methods = methods;
    this.skipped = skipped;
    this.boot = new Bootstrap.Config(ctx.preset.bootstrap(), 0.95);
  }

  RunSummary writeAll(double seconds) throws IOException {
    var p = ctx.preset;
    TargetSet t0 = TargetStage.targets(ctx, 0);
    int n = ctx.train.size();

    // LDS ground truth: L[j][t] over gen rows then val rows.
    SubsetMasks evalMasks = LdsStage.masks(ctx, SubsetSampler.EVAL, p.ldsSubsets());
    SubsetMasks tuneMasks = LdsStage.masks(ctx, SubsetSampler.TUNE, p.tuneSubsets());
    double[][] evalGt = LdsStage.groundTruthMatrix(ctx, SubsetSampler.EVAL);
    double[][] tuneGt = LdsStage.groundTruthMatrix(ctx, SubsetSampler.TUNE);
    int gen = t0.gen();
    int val = t0.val();

    SsimConfig ssimCfg = ssimFor(Math.min(ctx.model.arch().imageHeight(), ctx.model.arch().imageWidth()));
    List<SimilarityMetric> metrics = List.of(new Ssim(ssimCfg), new PixelL2());
    Map<String, AblationAnalysis.MethodInput> inputs = new LinkedHashMap<>();
    Map<String, Similarities> sims = new LinkedHashMap<>();
    Map<String, Images> after0 = new LinkedHashMap<>();
    Images before0 = null;
    Map<String, String> modelHashes = new LinkedHashMap<>();
    for (String m : methods) {
      Similarities all = null;
      List<int[]> topAll = new ArrayList<>();
      RemovalSet removal0 = null;
      for (int s = 0; s < p.ablationSeeds(); s++) {
        AblationStage.Outcome o = AblationStage.run(ctx, m, s);
        TargetSet ts = TargetStage.targets(ctx, s);
        var a = ctx.model.arch();
        int h = a.imageHeight();
        int w = a.imageWidth();
        int c = a.imageChannels();
        int nt = ts.ablation();
        int nc = ts.controlInfo().size();
        Images before = Images.fromSigned(nt + nc, h, w, c, o.before());
        Images after = Images.fromSigned(nt + nc, h, w, c, o.after());
        Similarities sim = Similarities.measure(metrics, before.slice(0, nt), after.slice(0, nt),
            before.slice(nt, nt + nc), after.slice(nt, nt + nc));
        all = all == null ? sim : all.concat(sim);
        topAll.addAll(o.topK());
        if (s == 0) {
          removal0 = o.removal();
          before0 = before.slice(0, nt);
          after0.put(m, after.slice(0, nt));
          modelHashes.put(m, o.modelHash());
        }
      }
      inputs.put(m, new AblationAnalysis.MethodInput(all, topAll, removal0));
      sims.put(m, all);
    }
    AblationSummary ablation = new AblationAnalysis(metrics, boot, ctx.seeds.child("stats").child("ablation"))
        .analyse("random", inputs);

    List<LeaderboardRow> rows = new ArrayList<>();
    List<LdsCsv.Entry> ldsEntries = new ArrayList<>();
    Map<String, Map<String, double[]>> perTarget = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    Map<String, Object> kv = new LinkedHashMap<>();
    int[][] relevant = t0.selfRelevant().toArray(new int[0][]);
    int[] selfRows = t0.rows(Targets.Kind.SELF);
    for (String m : methods) {
      Scores sc = AttributionStage.scores(ctx, m, 0);
      float[][] genRows = rows(sc, t0.rows(Targets.Kind.GEN));
      float[][] valRows = rows(sc, t0.rows(Targets.Kind.VAL));
      double[][] evalGen = columns(evalGt, 0, gen);
      double[][] evalVal = columns(evalGt, gen, gen + val);
      double[][] tuneGen = columns(tuneGt, 0, gen);
      double[][] tuneVal = columns(tuneGt, gen, gen + val);
      LdsResult lg;
      LdsResult lv;
      double optG = Double.NaN;
      double optV = Double.NaN;
      TunedLds tg = null;
      TunedLds tv = null;
      if (!sc.candidates().isEmpty()) {
        // One hyper-parameter per method, chosen on the tune family over gen and val targets.
        HyperparameterSelection sel = HyperparameterSelection.of(boot, ctx.seeds.child("stats").child("lds").child(m));
        Map<String, float[][]> cg = new LinkedHashMap<>();
        Map<String, float[][]> cv = new LinkedHashMap<>();
        Map<String, float[][]> cb = new LinkedHashMap<>();
        for (var e : sc.candidates().entrySet()) {
          Scores cs = sc.choose(e.getKey());
          cg.put(e.getKey(), rows(cs, t0.rows(Targets.Kind.GEN)));
          cv.put(e.getKey(), rows(cs, t0.rows(Targets.Kind.VAL)));
          cb.put(e.getKey(), concat(cg.get(e.getKey()), cv.get(e.getKey())));
        }
        TunedLds both = sel.select(cb, tuneMasks, tuneGt, evalMasks, evalGt);
        tg = sel.select(Map.of(both.chosen(), cg.get(both.chosen())), tuneMasks, tuneGen, evalMasks, evalGen);
        tv = val > 0 ? sel.select(Map.of(both.chosen(), cv.get(both.chosen())), tuneMasks, tuneVal, evalMasks, evalVal) : null;
        lg = tg.eval();
        lv = tv == null ? null : tv.eval();
        optG = bestOnEval(cg, evalMasks, evalGen);
        optV = val > 0 ? bestOnEval(cv, evalMasks, evalVal) : Double.NaN;
        genRows = cg.get(both.chosen());
      } else {
        Lds lds = new Lds(boot, ctx.seeds.child("stats").child("lds").child(m));
        lg = lds.evaluate(evalMasks, evalGen, genRows);
        lv = val > 0 ? lds.evaluate(evalMasks, evalVal, valRows) : null;
      }
      ldsEntries.add(new LdsCsv.Entry(m, "gen", lg, tg));
      if (lv != null) {
        ldsEntries.add(new LdsCsv.Entry(m, "val", lv, tv));
      }
      Map<String, double[]> pt = new LinkedHashMap<>();
      pt.put("gen", lg.perTarget());
      if (lv != null) {
        pt.put("val", lv.perTarget());
      }
      perTarget.put(m, pt);
      Estimate recall = selfRows.length == 0 ? null
          : RecallAtK.mean(rows(sc, selfRows), relevant, p.recallK(),
              new Bootstrap(boot, ctx.seeds.child("stats").child("recall").child(m)));
      LeaderboardRow.Builder b = LeaderboardRow.builder(m).lds(lg.overBoth(), lv == null ? null : lv.overBoth())
          .ldsOptimistic(optG, optV).ablation(ablation.method(m), metricNames(metrics))
          .secondsPerTarget(sc.amortisedSecondsPerTarget())
          .counts(new LeaderboardRow.Counts(gen, val, p.ldsSubsets(), p.seedsPerSubset(),
              ablation.method(m).metrics().isEmpty() ? 0 : inputs.get(m).similarities().targets().values().iterator().next().length,
              inputs.get(m).similarities().controls().values().iterator().next().length, p.ablationSeeds()))
          .deterministic("1".equals(System.getenv("TF_DETERMINISTIC_OPS")))
          .hash("scores", AttributionStage.hash(ctx, m, 0)).hash("ablation_model", modelHashes.get(m))
          .hash("main_model", TrainStage.recipe(ctx, TargetStage.mainModel(ctx, 0)).hash())
          .hash("machine", machineFingerprint());
      if (recall != null) {
        b.recall(recall, p.recallK());
      }
      rows.add(b.build());
      var ssim = ablation.method(m).result("ssim", org.tdabench.benchmark.ablation.Group.TARGETS);
      lines.add(String.format(Locale.ROOT, "%-14s LDS gen %6.3f [%6.3f, %6.3f]  val %s  SSIM AUC %.3f ratio %+6.1f%%  recall@%d %s  %6.2f s/target",
          m, lg.mean(), lg.overBoth().lo(), lg.overBoth().hi(),
          lv == null ? "   n/a" : String.format(Locale.ROOT, "%6.3f", lv.mean()),
          ssim.auc().value(), ssim.ratio().value(), p.recallK(),
          recall == null ? "n/a" : String.format(Locale.ROOT, "%.2f", recall.value()), sc.amortisedSecondsPerTarget()));
      kv.put("lds_gen_" + m, lg.mean());
    }

    OutputLayout layout = new OutputLayout(ctx.config.out(), ctx.preset.name());
    String ds = ctx.config.effectiveDataset();
    Path leaderboard = layout.leaderboard(ds);
    LeaderboardCsv.write(leaderboard, rows);
    LdsCsv.write(layout.ldsSummary(ds), ldsEntries);
    PerTargetCsv.writeLds(layout.ldsPerTarget(ds), perTarget);
    PerTargetCsv.writeSimilarities(layout.similaritiesPerImage(ds), metricNames(metrics), sims);
    AblationCsv.writeStatistics(layout.ablationStatistics(ds), ablation);
    AblationCsv.writePValues(layout.pValues(ds), ablation);
    AblationCsv.writeOverlap(layout.overlap(ds), ablation);

    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("preset", ctx.preset.name());
    meta.put("dataset", ds + " (" + n + " train / " + ctx.test.size() + " test, " + ctx.data.resolution() + " px)");
    meta.put("model", ctx.model.name() + ": " + ctx.model.arch());
    meta.put("seed", Long.toString(ctx.config.seed()));
    meta.put("LDS", p.ldsSubsets() + " eval + " + p.tuneSubsets() + " tune subsets (alpha " + p.alpha() + ") x "
        + p.seedsPerSubset() + " seeds; ground truth " + p.ldsSigmas() + " sigmas x " + p.ldsNoises() + " noises");
    meta.put("ablation", p.ablationSeeds() + " seed(s) x " + t0.ablation() + " targets + " + t0.controlInfo().size()
        + " controls; k = " + AblationStage.k(ctx) + " per target (topk_factor " + p.topkFactor() + ")");
    Machine mc = Machine.current();
    meta.put("machine", mc.cpuModel() + ", " + mc.cores() + " cores, " + mc.os() + ", Java " + mc.javaVersion()
        + ", TF_ENABLE_ONEDNN_OPTS=" + mc.tfEnableOnednnOpts() + ", TF_DETERMINISTIC_OPS=" + mc.tfDeterministicOps());
    meta.put("wall time", String.format(Locale.ROOT, "%.1f s", seconds));
    List<String> notes = new ArrayList<>();
    notes.add("LDS hyper-parameters (e.g. ridge lambda) are chosen on the tune subset family; the optimistic "
        + "best-on-eval value is shown separately, labelled " + TunedLds.OPTIMISTIC_LABEL + ".");
    notes.add("SSIM: " + ssimCfg.window() + "x" + ssimCfg.window() + " Gaussian window (sigma 1.5; torchmetrics sizes "
        + "it 11x11 from sigma whatever kernel_size says), data range 1, border cropped.");
    notes.add("Mann-Whitney p-values: " + ablation.pValueMethod() + ".");
    skipped.forEach((m, why) -> notes.add("Skipped " + m + ": " + why));
    ReportData report = new ReportData(ctx.preset.name(), ds, rows, List.of("l2"), sims,
        before0 == null ? null : new ReportData.Grid(before0, after0, 8), meta, notes);
    // The encoded-ensemble track writes its own CSVs; the report shows its section.
    var ensemble = EnsembleTrack.write(ctx, boot, layout, ds);
    if (ensemble.isPresent()) {
      report = report.withSections(List.of(ensemble.get().html()));
      lines.addAll(ensemble.get().lines());
      kv.putAll(ensemble.get().kv());
    }
    HtmlReport.write(layout.reportFolder(), report);
    kv.put("seconds", seconds);
    return new RunSummary(leaderboard, layout.reportFolder().resolve("index.html"), seconds, lines, kv);
  }

  /** Hash of what the bits depend on beyond the recipes: CPU model and TensorFlow numerics flags. */
  static String machineFingerprint() {
    Machine m = Machine.current();
    return org.tdabench.core.Hashing.sha256Hex(m.cpuModel() + "|" + m.tfEnableOnednnOpts() + "|"
        + m.tfDeterministicOps() + "|" + System.getProperty("os.arch")).substring(0, 16);
  }

  private static List<String> metricNames(List<SimilarityMetric> ms) {
    return ms.stream().map(SimilarityMetric::name).toList();
  }

  private double bestOnEval(Map<String, float[][]> cands, SubsetMasks masks, double[][] gt) {
    double best = Double.NEGATIVE_INFINITY;
    for (float[][] s : cands.values()) {
      best = Math.max(best, Lds.meanOnly(masks, gt, s));
    }
    return best;
  }

  static float[][] rows(Scores s, int[] rows) {
    float[][] out = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = s.row(rows[i]);
    }
    return out;
  }

  static float[][] concat(float[][] a, float[][] b) {
    float[][] out = new float[a.length + b.length][];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static double[][] columns(double[][] m, int from, int to) {
    double[][] out = new double[m.length][];
    for (int j = 0; j < m.length; j++) {
      out[j] = java.util.Arrays.copyOfRange(m[j], from, to);
    }
    return out;
  }
}
