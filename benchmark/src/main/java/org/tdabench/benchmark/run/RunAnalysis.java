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
import org.tdabench.benchmark.ablation.SeedInput;
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
   * gaussian_kernel True): the window is sized from sigma (2 * int(3.5 sigma + 0.5) + 1 = 11) whatever
   * kernel_size says. The torchmetrics release MUCS used crops the (window - 1) / 2 border before
   * averaging; at 32 px that keeps 47 % of the image, but at 16 px only the central 6 x 6 pixels
   * (14 %). So the border is cropped only where the kept region is at least half the image side
   * (sides of 20 px and more, the paper presets), and smaller images average the full reflect-padded
   * map, as current torchmetrics releases do. Images smaller than the window get the largest odd
   * window that reflect padding allows.
   */
  static SsimConfig ssimFor(int side) {
    int w = 11;
    while (w > 3 && (w - 1) / 2 >= side) {
      w -= 2;
    }
    int p = (w - 1) / 2;
    boolean crop = side - 2 * p >= side / 2.0;
    return new SsimConfig(w, 1.5, 0.01, 0.03, 1.0, crop);
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

    SsimConfig ssimCfg = ssimFor(Math.min(ctx.model.arch().imageHeight(), ctx.model.arch().imageWidth()));
    List<SimilarityMetric> metrics = List.of(new Ssim(ssimCfg), new PixelL2());
    Map<String, List<SeedInput>> inputs = new LinkedHashMap<>();
    Map<String, Similarities> sims = new LinkedHashMap<>();
    Map<String, Images> after0 = new LinkedHashMap<>();
    Images before0 = null;
    Map<String, String> modelHashes = new LinkedHashMap<>();
    var a = ctx.model.arch();
    for (String m : methods) {
      List<SeedInput> seeds = new ArrayList<>();
      Similarities all = null;
      for (int s = 0; s < p.ablationSeeds(); s++) {
        AblationStage.Outcome o = AblationStage.run(ctx, m, s);
        TargetSet ts = TargetStage.targets(ctx, s);
        int nt = ts.ablation();
        int nc = ts.controlInfo().size();
        Images before = Images.fromSigned(nt + nc, a.imageHeight(), a.imageWidth(), a.imageChannels(), o.before());
        Images after = Images.fromSigned(nt + nc, a.imageHeight(), a.imageWidth(), a.imageChannels(), o.after());
        Images afterRandom = Images.fromSigned(nt + nc, a.imageHeight(), a.imageWidth(), a.imageChannels(),
            o.afterRandom());
        Similarities sim = Similarities.measure(metrics, before.slice(0, nt), after.slice(0, nt),
            before.slice(nt, nt + nc), after.slice(nt, nt + nc));
        Similarities simRandom = Similarities.measure(metrics, before.slice(0, nt), afterRandom.slice(0, nt),
            before.slice(nt, nt + nc), afterRandom.slice(nt, nt + nc));
        seeds.add(new SeedInput(sim, simRandom, o.topK(), o.removal()));
        all = all == null ? sim : all.concat(sim);
        if (s == 0) {
          before0 = before.slice(0, nt);
          after0.put(m, after.slice(0, nt));
          modelHashes.put(m, o.modelHash());
        }
      }
      inputs.put(m, seeds);
      sims.put(m, all);
    }
    AblationSummary ablation = new AblationAnalysis(metrics, boot.level()).analyse(inputs);

    // Every artifact behind the numbers has been read by now: derive each row's provenance.
    for (String m : methods) {
      AttributionStage.scores(ctx, m, 0);
    }
    LdsStage.groundTruthMatrix(ctx, SubsetSampler.EVAL);
    Map<String, ArtifactLedger.Provenance> prov = new LinkedHashMap<>();
    for (String m : methods) {
      prov.put(m, ctx.ledger.provenance(m));
    }

    LdsAnalysis.Result lds = LdsAnalysis.analyse(ctx, methods, boot.level());
    List<LeaderboardRow> rows = new ArrayList<>();
    List<LdsCsv.Entry> ldsEntries = new ArrayList<>();
    Map<String, Map<String, double[]>> perTarget = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    Map<String, List<String>> verdicts = new LinkedHashMap<>();
    Map<String, Object> kv = new LinkedHashMap<>();
    int[][] relevant = t0.selfRelevant().toArray(new int[0][]);
    int[] selfRows = t0.rows(Targets.Kind.SELF);
    for (String m : methods) {
      Scores sc = Tuning.scores(ctx, m, 0);
      LdsAnalysis.MethodLds ml = lds.methods().get(m);
      LdsResult lg = ml.gen();
      LdsResult lv = ml.val();
      ldsEntries.add(new LdsCsv.Entry(m, "gen", lg, ml.genVsRandom(), ml.tunedGen()));
      if (lv != null) {
        ldsEntries.add(new LdsCsv.Entry(m, "val", lv, ml.valVsRandom(), ml.tunedVal()));
      }
      // The tune family's LDS of the reported scores (family "tune" in lds-*.csv): method-level
      // choices, such as a default sigma grid, are made on it, never on the eval family.
      ldsEntries.add(new LdsCsv.Entry(m, "gen", ml.tuneGen(), null, null));
      if (ml.tuneVal() != null) {
        ldsEntries.add(new LdsCsv.Entry(m, "val", ml.tuneVal(), null, null));
      }
      Map<String, double[]> pt = new LinkedHashMap<>();
      pt.put("gen", lg.perTarget());
      if (lv != null) {
        pt.put("val", lv.perTarget());
      }
      perTarget.put(m, pt);
      Estimate recall = selfRows.length == 0 ? null
          : RecallAtK.mean(rows(sc, selfRows), relevant, p.recallK(), boot.level());
      String genVerdict = m.equals("random") ? "reference" : LdsAnalysis.verdict(ml.genVsRandom());
      String valVerdict = lv == null ? "" : m.equals("random") ? "reference" : LdsAnalysis.verdict(ml.valVsRandom());
      LeaderboardRow.Builder b = LeaderboardRow.builder(m).lds(lg.estimate(), lv == null ? null : lv.estimate())
          .ldsVsRandom(ml.genVsRandom(), ml.valVsRandom(), genVerdict, valVerdict)
          .hyperparameter(Tuning.chosen(ctx, m))
          .ldsOptimistic(ml.tunedGen() == null ? Double.NaN : ml.tunedGen().optimistic(),
              ml.tunedVal() == null ? Double.NaN : ml.tunedVal().optimistic())
          .ablation(ablation.method(m), metricNames(metrics))
          .secondsPerTarget(sc.amortisedSecondsPerTarget())
          .counts(new LeaderboardRow.Counts(lg.estimate().n(), lv == null ? 0 : lv.estimate().n(),
              lg.undefinedTargets(), lv == null ? 0 : lv.undefinedTargets(), p.ldsSubsets(), p.seedsPerSubset(),
              sims.get(m).targets().values().iterator().next().length,
              sims.get(m).controls().values().iterator().next().length, p.ablationSeeds()))
          .deterministic(prov.get(m).deterministic()).fingerprint(prov.get(m).fingerprint())
          .protocol(ProtocolHash.of(ctx, m, ssimCfg))
          .hash("scores", AttributionStage.hash(ctx, m, 0)).hash("ablation_model", modelHashes.get(m))
          .hash("main_model", TrainStage.recipe(ctx, TargetStage.mainModel(ctx, 0)).hash());
      if (recall != null) {
        b.recall(recall, p.recallK());
      }
      rows.add(b.build());
      var spec = ablation.method(m).specificity().get("ssim");
      lines.add(String.format(Locale.ROOT, "%-14s LDS gen %6.3f [%6.3f, %6.3f] %-22s val %s  SSIM specificity %.3f  "
          + "recall@%d %s  %6.2f s/target",
          m, lg.mean(), lg.estimate().lo(), lg.estimate().hi(), genVerdict,
          lv == null ? "   n/a" : String.format(Locale.ROOT, "%6.3f", lv.mean()),
          spec.method().value(), p.recallK(),
          recall == null ? "n/a" : String.format(Locale.ROOT, "%.2f", recall.value()), sc.amortisedSecondsPerTarget()));
      kv.put("lds_gen_" + m, lg.mean());
      verdicts.computeIfAbsent(genVerdict, v -> new ArrayList<>()).add(m);
    }
    // The run in words: which methods the paired intervals separate from random, and what the
    // preset's size can support at all.
    String power = BenchmarkPresets.power(ctx.preset.name());
    lines.add("Preset " + ctx.preset.name() + ": " + power + ".");
    verdicts.remove("reference");
    verdicts.forEach((v, ms) -> lines.add("LDS on generated targets, paired against random: " + v + ": "
        + String.join(", ", ms)));
    kv.put("power", power.startsWith("not powered") ? "none" : power.startsWith("powered (80 %) only") ? "partial"
        : ctx.preset.name());

    OutputLayout layout = new OutputLayout(ctx.config.out(), ctx.preset.name());
    String ds = ctx.config.effectiveDataset();
    Path leaderboard = layout.leaderboard(ds);
    LeaderboardCsv.write(leaderboard, rows);
    LdsCsv.write(layout.ldsSummary(ds), ldsEntries);
    PerTargetCsv.writeLds(layout.ldsPerTarget(ds), perTarget);
    PerTargetCsv.writeSimilarities(layout.similaritiesPerImage(ds), metricNames(metrics), sims);
    AblationCsv.writeStatistics(layout.ablationStatistics(ds), ablation);
    AblationCsv.writeOverlap(layout.overlap(ds), ablation);
    writeRunMetadata(layout.resultsFolder().resolve("run-" + ds + ".json"));

    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("preset", ctx.preset.name() + " (" + BenchmarkPresets.power(ctx.preset.name()) + ")");
    meta.put("dataset", ds + " (" + n + " train / " + ctx.test.size() + " test, " + ctx.data.resolution() + " px)");
    meta.put("model", ctx.model.name() + ": " + ctx.model.arch());
    meta.put("seed", Long.toString(ctx.config.seed()));
    meta.put("LDS", p.ldsSubsets() + " eval + " + p.tuneSubsets() + " tune subsets (alpha " + p.alpha() + ") x "
        + p.seedsPerSubset() + " seeds; ground truth " + p.ldsSigmas() + " sigmas x " + p.ldsNoises() + " noises");
    meta.put("ablation", p.ablationSeeds() + " seed(s) x " + t0.ablation() + " targets + " + t0.controlInfo().size()
        + " controls; k = " + AblationStage.k(ctx) + " per target (topk_factor " + p.topkFactor() + ")");
    meta.put("machine", machineLine(ctx.ledger.sharedSidecars()));
    meta.put("wall time", String.format(Locale.ROOT, "%.1f s", seconds));
    List<String> notes = new ArrayList<>();
    notes.add("LDS hyper-parameters (e.g. ridge lambda) are chosen on the tune subset family; the optimistic "
        + "best-on-eval value is shown separately, labelled " + TunedLds.OPTIMISTIC_LABEL + ".");
    notes.add("SSIM: " + ssimCfg.window() + "x" + ssimCfg.window() + " Gaussian window (sigma 1.5; torchmetrics sizes "
        + "it 11x11 from sigma whatever kernel_size says), data range 1, " + (ssimCfg.cropBorder()
        ? "border cropped as the reference's torchmetrics release does." : "averaged over the full reflect-padded "
        + "map (cropping would keep too little of a small image)."));
    notes.add("Ablation: per seed, each method against a random removal of as many images (same seed); numbers are "
        + "means over " + ablation.seeds() + " seed(s) with Student-t intervals over seeds (one seed: no interval). "
        + "Specificity = P(a control changed less than a target) inside the method's own retrained model.");
    skipped.forEach((m, why) -> notes.add("Skipped " + m + ": " + why));
    ReportData report = new ReportData(ctx.preset.name(), ds, rows, List.of("l2"), sims,
        before0 == null ? null : new ReportData.Grid(before0, after0, 8), lds.pairwiseGen(), meta, notes);
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

  /**
   * {@code run-<dataset>.json} beside the leaderboard: the preset, dataset and seed, and the machines
   * (fingerprints with their readable fields) the run's artifacts were computed on, so that
   * {@code compare} can say what differs from a baseline's machine.
   */
  private void writeRunMetadata(Path file) throws IOException {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("preset", ctx.preset.name());
    j.put("power", BenchmarkPresets.power(ctx.preset.name()));
    j.put("dataset", ctx.config.effectiveDataset());
    j.put("seed", ctx.config.seed());
    j.put("tdabench", org.tdabench.benchmark.store.TdabenchVersion.current());
    j.put("machines", ctx.ledger.machines());
    org.tdabench.core.AtomicFiles.writeBytes(file,
        org.tdabench.benchmark.store.Json.pretty(j).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Where the shared artifacts were computed: one line per machine fingerprint. */
  static String machineLine(List<org.tdabench.benchmark.store.Sidecar> sidecars) {
    Map<String, String> byFp = new java.util.TreeMap<>();
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (var s : sidecars) {
      Machine mc = s.machine();
      byFp.putIfAbsent(mc.fingerprint(), mc.fingerprint() + ": " + mc.cpu().describe() + ", " + mc.cores()
          + " cores, " + mc.os() + ", Java " + mc.java() + ", " + mc.tensorflow() + ", " + mc.numerics()
          + (mc.portable() ? ", portable numerics" : ""));
      counts.merge(mc.fingerprint(), 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    byFp.forEach((fp, line) -> parts.add(line + (byFp.size() > 1 ? " (" + counts.get(fp) + " artifacts)" : "")));
    return parts.isEmpty() ? "unknown" : String.join("; ", parts);
  }

  private static List<String> metricNames(List<SimilarityMetric> ms) {
    return ms.stream().map(SimilarityMetric::name).toList();
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
