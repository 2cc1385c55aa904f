package org.tdabench.benchmark.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tdabench.benchmark.ensemble.EnsembleTrackAnalysis;
import org.tdabench.benchmark.ensemble.EnsembleTrackConfig;
import org.tdabench.benchmark.ensemble.EnsembleTrackReport;
import org.tdabench.benchmark.report.OutputLayout;
import org.tdabench.benchmark.stats.Bootstrap;
import org.tdabench.methods.api.Methods;
import org.tdabench.methods.api.Scores;

/**
 * The encoded-ensemble track's statistics and outputs, computing whatever is still missing:
 * {@code results/<preset>/ensemble-track-<dataset>.csv}, its per-target CSV and the report
 * section.
 */
final class EnsembleTrack {
  private EnsembleTrack() {}

  /** The track's report section, console lines and key-value figures. */
  record Output(String html, List<String> lines, Map<String, Object> kv) {}

  static Optional<Output> write(RunContext ctx, Bootstrap.Config boot, OutputLayout layout, String dataset)
      throws IOException {
    EnsembleAttribution.Selection sel = EnsembleAttribution.selection(ctx);
    if (!sel.enabled()) {
      return Optional.empty();
    }
    EnsembleTrackConfig cfg = EnsembleStage.config(ctx);
    int n = EnsembleStage.codes(ctx).members();
    EnsembleTrackAnalysis.GroundTruth gt = EnsembleStage.groundTruth(ctx);
    double exactSeconds = 0;
    for (int t = 0; t < gt.targets(); t++) {
      exactSeconds += EnsembleStage.groundTruth(ctx, t).seconds();
    }
    Map<String, float[][]> scores = new LinkedHashMap<>();
    Map<String, String> modes = new LinkedHashMap<>();
    Map<String, Double> seconds = new LinkedHashMap<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    String variant = null;
    for (String m : sel.run()) {
      EnsembleAttribution.Outcome o = EnsembleAttribution.scores(ctx, m);
      modes.put(m, o.mode());
      if (o.scores() == null) {
        skipped.put(m, o.skipped());
        continue;
      }
      Scores s = o.scores();
      float[][] rows = new float[s.targets()][];
      for (int t = 0; t < rows.length; t++) {
        rows[t] = s.row(t);
      }
      scores.put(m, rows);
      seconds.put(m, s.amortisedSecondsPerTarget());
      if (m.equals(EnsembleTrackConfig.METHOD)) {
        // The variant the board uses goes into the CSV's mode column.
        variant = String.valueOf(s.metadata().get("variant"));
        modes.put(m, o.mode() + ", variant " + variant);
      }
    }
    sel.notRun().forEach((m, why) -> {
      modes.put(m, EnsembleAttribution.mode(Methods.get(m)));
      skipped.put(m, why);
    });
    EnsembleTrackAnalysis.Result r = new EnsembleTrackAnalysis(boot, cfg.recallK()).analyse(gt, scores);
    if (variant != null && !variant.equals("jacobian")) {
      // The agreement compares the first-order estimate; the loss variant is not one.
      r = new EnsembleTrackAnalysis.Result(r.methods(), null, r.targets(), r.samples());
    }
    List<String> notes = new ArrayList<>();
    notes.add("Ground truth, exact: sample i's counterfactual keeps the n/2 members with c_ij = 0 (weights 2/n) and "
        + "reruns the Heun sampler from the target's noise; distance = Euclidean norm over all pixels of the change "
        + "of the raw sampler output (data scale); loss change = the target's EDM loss on the LDS probe family ("
        + ctx.preset.ldsSigmas() + " sigmas x " + ctx.preset.ldsNoises() + " noises) under those weights minus "
        + "under 1/n (positive: removing i raises the loss).");
    notes.add(String.format(Locale.ROOT, "Exact counterfactuals: %d targets x %d samples in %.1f s (%.1f per "
        + "second, one thread).", gt.targets(), r.samples(), exactSeconds, gt.targets() * r.samples() / exactSeconds));
    if (variant != null) {
      notes.add("encoded-ensemble on this board: variant " + variant + (variant.equals("jacobian")
          ? " (the paper's first-order estimate; the loss variant equals the loss ground truth up to its probes)"
          : " (the exact loss change on its own probes)") + ".");
    }
    notes.add("Per-member methods: each of the " + n + " members is attributed as a model of its own and the score "
        + "matrices are averaged (as D-TRAK ensembles models trained on half subsets); hyper-parameter candidates: "
        + "each method's default. Scores are compared as given (signed scores against an unsigned distance).");
    notes.add("A sample's exact influence is the effect of dropping its n/2 members, which it shares in part with "
        + "every sample whose code overlaps its own: encoded-ensemble reads the codes, the other methods only the "
        + "images, so they can explain only the part that the sample's content adds.");
    notes.add("Intervals resample the " + gt.targets() + " targets; the ensemble is one training draw shared by all.");
    EnsembleTrackReport.Context c = new EnsembleTrackReport.Context(modes, seconds, skipped, notes, n, cfg.recallK());
    EnsembleTrackReport.writeCsv(layout.resultsFolder().resolve("ensemble-track-" + dataset + ".csv"),
        layout.resultsFolder().resolve("ensemble-track-per-target-" + dataset + ".csv"), r, c);
    List<String> lines = new ArrayList<>();
    Map<String, Object> kv = new LinkedHashMap<>();
    for (EnsembleTrackAnalysis.MethodResult m : r.methods()) {
      lines.add(String.format(Locale.ROOT, "ensemble track %-18s rho %6.3f [%6.3f, %6.3f]  %s", m.method(),
          m.rhoDistance().value(), m.rhoDistance().lo(), m.rhoDistance().hi(), m.verdict()));
      kv.put("ensemble_rho_" + m.method(), m.rhoDistance().value());
    }
    if (r.agreement() != null) {
      kv.put("ensemble_first_order_spearman", r.agreement().spearman().value());
    }
    return Optional.of(new Output(EnsembleTrackReport.html(r, c), lines, kv));
  }
}
