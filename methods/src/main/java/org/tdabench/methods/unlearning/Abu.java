package org.tdabench.methods.unlearning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tdabench.core.SeedTree;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.ImageSet;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.methods.api.Scores;
import org.tdabench.methods.api.Targets;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.FineTuneSpec;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.ProbeSet;
import org.tdabench.models.edm.KarrasSchedule;
import org.tdabench.models.nn.ParamSubsets;

/**
 * AbU, attribution by unlearning the synthesised image (Wang et al., NeurIPS 2024;
 * PeterWang512/AttributeByUnlearning, mscoco/). Once per run: the diagonal Fisher of the training
 * set and its mirror images ({@link DiagonalFisher}) and every training image's (and mirror
 * image's) mean loss over a fixed probe set: the 20-point Karras grid of the sampler, one noise
 * each. Per target: one Newton-type ascent step on the target's loss ({@link NewtonAscent}), the
 * same probes again, and score_i = max(increase of image i's loss, increase of its mirror image's).
 *
 * <p>Porting choices (recorded in the metadata): the reference updates the cross-attention K/V
 * weights of a UNet; a DiT has no cross-attention, so the subset is MUCS's (the MLP weight matrices
 * of every block and of the condition MLP). The loss is the EDM loss (the reference's eps-MSE is
 * DDPM's). The probe noise is shared by every image (the reference draws per-image noise); both
 * reuse it before and after unlearning, which is what cancels.
 *
 * <p>Seeds: {@code fisher} (Fisher draws), {@code probe} (probe noise), {@code unlearn/target/<t>}.
 */
public final class Abu implements AttributionMethod {
  static final String VERSION = "1";

  @Override
  public String name() {
    return "abu";
  }

  @Override
  public String description() {
    return "one Fisher-preconditioned ascent step on the target, scored by each training image's loss increase";
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public MethodOptions.Schema options() {
    return AbuConfig.schema();
  }

  /** The loss probe: the sampler's Karras grid of {@code count} sigmas (80 .. 0.002), one noise each. */
  static ProbeSet probes(ModelSpec spec, int count, SeedTree seeds) {
    var s = spec.sampler();
    return ProbeSet.of(KarrasSchedule.sigmas(count, s.sigmaMin(), s.sigmaMax(), s.rho()), spec.imageSize(), seeds);
  }

  @Override
  public void checkOptions(MethodOptions options) {
    AbuConfig.from(options);
  }

  @Override
  public Scores attribute(AttributionTask task) {
    long t0 = System.nanoTime();
    AbuConfig c = AbuConfig.from(task.options());
    ImageSet train = task.train();
    Targets targets = task.targets();
    int n = train.size();
    int t = targets.size();
    SeedTree seeds = task.seeds();
    ProbeSet probes = probes(task.spec(), c.lossTimeSamples(), seeds.child("probe"));
    float[] scores = new float[Math.multiplyExact(t, n)];
    double[] perTarget = new double[t];
    List<Double> updates = new ArrayList<>();
    double unlearnSeconds = 0;
    double fisherSeconds = 0;
    boolean[] computed = {false, false};
    long subsetSize;
    double damping;
    long zeroFisher;
    ProbeSweep sweep;
    double shared;
    try (DitEdmModel m = task.openModel().withEvalBatch(c.evalBatch())) {
      List<String> subset = ParamSubsets.mlpWeights(m.params());
      subsetSize = m.params().count(subset);
      String tag = String.format(Locale.ROOT, "threads=%d", task.threads());
      long f0 = System.nanoTime();
      float[] fisher = task.resources().cached(String.format(Locale.ROOT,
          "abu/v%s/fisher/subset=mlp-weights/epochs=%d/batch=%d/seed=%016x/%s", VERSION, c.fisherEpochs(),
          c.fisherBatchSize(), seeds.child("fisher").seed(), tag), () -> {
            computed[0] = true;
            return DiagonalFisher.compute(m, subset, train, c.fisherEpochs(), c.fisherBatchSize(),
                seeds.child("fisher"));
          });
      fisherSeconds = (System.nanoTime() - f0) / 1e9;
      sweep = new ProbeSweep(m, train, probes);
      float[] before = task.resources().cached(String.format(Locale.ROOT,
          "abu/v%s/probe-means/k=%d/probe-seed=%016x/eval-batch=%d/%s", VERSION, c.lossTimeSamples(),
          seeds.child("probe").seed(), c.evalBatch(), tag), () -> {
            computed[1] = true;
            return probeMeans(sweep);
          });
      var tc = task.resources().trainConfig();
      // The fine-tuner only supplies batched gradients; its AdamW step is never applied.
      NewtonAscent ascent = new NewtonAscent(m,
          m.fineTuner(FineTuneSpec.adamW(subset, c.unlearnBatchSize(), tc.lr(), 0)), fisher, c.fisherDamping());
      damping = ascent.damping();
      zeroFisher = ascent.zeroFisher();
      ModelWeights original = m.weights();
      shared = (System.nanoTime() - t0) / 1e9;
      task.progress().start("abu: unlearn and rescore", t);
      int d = task.spec().imageSize();
      int cd = task.spec().condDim();
      for (int i = 0; i < t; i++) {
        long s0 = System.nanoTime();
        float[] target = java.util.Arrays.copyOfRange(targets.images(), i * d, (i + 1) * d);
        float[] cond = cd == 0 ? null : java.util.Arrays.copyOfRange(targets.conds(), i * cd, (i + 1) * cd);
        m.load(original);
        updates.add(ascent.unlearn(target, cond, c.unlearnSteps(), c.unlearnGradAccumSteps(), c.unlearnLr(), c.stepN(n),
            seeds.child("unlearn").child("target", i)));
        unlearnSeconds += (System.nanoTime() - s0) / 1e9;
        float[] after = probeMeans(sweep);
        for (int j = 0; j < n; j++) {
          double plain = (double) after[j] - before[j];
          double mirror = (double) after[n + j] - before[n + j];
          scores[i * n + j] = (float) Math.max(plain, mirror);
        }
        perTarget[i] = (System.nanoTime() - s0) / 1e9;
        task.progress().step(i + 1);
      }
      m.load(original);
    }
    Map<String, Object> md = new LinkedHashMap<>();
    md.put("options", c.describe());
    md.put("parameter_subset", "MUCS's: weight matrices of both MLP linears of every DiT block and of the condition"
        + " MLP (the reference's cross-attention K/V do not exist in a DiT)");
    md.put("trainable_params", subsetSize);
    md.put("loss", "EDM loss lambda(sigma) mean (D - x)^2 (the reference's DDPM eps-MSE)");
    md.put("unlearn_sigmas", "training log-normal, i.i.d. per draw (the reference: distinct uniform DDPM timesteps)");
    md.put("probe_sigmas", "Karras grid of the sampler, " + c.lossTimeSamples() + " points, 80 .. 0.002");
    md.put("probe_noise", "one eps per sigma shared by every image, same before and after (reference: per-image)");
    md.put("step_n", c.stepN(n));
    md.put("fisher_samples", 2L * n * c.fisherEpochs());
    md.put("fisher_damping_absolute", damping);
    md.put("fisher_zero_entries", zeroFisher);
    md.put("fisher_cached", !computed[0]);
    md.put("fisher_seconds", fisherSeconds);
    md.put("update_relative_norm", updates);
    md.put("original_losses_cached", !computed[1]);
    md.put("sweep_forward_passes", sweep.passes());
    md.put("sweep_seconds", sweep.seconds());
    md.put("unlearn_draws_total", c.unlearnDraws() * c.unlearnSteps() * t);
    md.put("unlearn_seconds", unlearnSeconds);
    md.put("threads", task.threads());
    return new Scores(t, n, scores, shared, perTarget, md);
  }

  /** Per-image mean probe loss of the training images (rows [0, N)) and their mirror images ([N, 2N)). */
  private static float[] probeMeans(ProbeSweep sweep) {
    int k = sweep.probeCount();
    int n = sweep.size();
    double[] plain = ProbeSweep.probeMeans(sweep.losses(false), n, k);
    double[] mirror = ProbeSweep.probeMeans(sweep.losses(true), n, k);
    float[] out = new float[2 * n];
    for (int j = 0; j < n; j++) {
      out[j] = (float) plain[j];
      out[n + j] = (float) mirror[j];
    }
    return out;
  }
}
