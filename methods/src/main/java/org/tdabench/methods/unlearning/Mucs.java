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
import org.tdabench.models.FineTuner;
import org.tdabench.models.ProbeSet;
import org.tdabench.models.config.TrainConfig;
import org.tdabench.models.nn.ParamSubsets;

/**
 * MUCS, mirrored unlearning with noise-consistent skew (Serra et al. 2026; sony/mucs
 * attribution/mucs.py). Once per run: L_null ({@link NullLoss}), the scoring probes (the first K
 * points of an int(K / 0.7)-point Karras grid, one noise each, shared by every image and both
 * models) and the original model's losses L_t[j, k] (cached in the task's store). Per target: the
 * attributed weights are restored, the target is unlearnt ({@link MirroredUnlearning}: only the
 * MLP weight matrices of every DiT block and of the condition MLP train, AdamW at lr / 10), the
 * unlearned losses L_u[j, k] are computed with the same probes, and S[j] is their normalised skew
 * ({@link SkewScore}). Per-target cost is dominated by the N x K forward passes of the sweep, which
 * is skipped when the stop rule fires before the first step (the model is then unchanged and every
 * score exactly 0; counted in {@code sweeps_skipped}).
 *
 * <p>Seeds: {@code probe} (scoring noise), {@code null} (L_null batches), and
 * {@code unlearn/target/<t>} (retain order and every step's sigmas and noise).
 */
public final class Mucs implements AttributionMethod {
  static final String VERSION = "1";

  @Override
  public String name() {
    return "mucs";
  }

  @Override
  public String description() {
    return "mirrored unlearning of the target, scored by the noise-consistent loss skew of every training image";
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public MethodOptions.Schema options() {
    return MucsConfig.schema();
  }

  @Override
  public void checkOptions(MethodOptions options) {
    MucsConfig.from(options);
  }

  @Override
  public Scores attribute(AttributionTask task) {
    long t0 = System.nanoTime();
    MucsConfig c = MucsConfig.from(task.options());
    ImageSet train = task.train();
    Targets targets = task.targets();
    int n = train.size();
    int t = targets.size();
    int k = c.numNoises();
    int b = c.batch();
    if (n < b) {
      throw task.options().bad("batch_size", "at most the training-set size " + n
          + " (the unlearning batch is batch_size, or num_noises when batch_size is 0)");
    }
    SeedTree seeds = task.seeds();
    NullLoss nl = nullLoss(task, c);
    ProbeSet probes = ProbeSet.mucs(k, c.tSchedInfer(), task.spec().sampler(), task.spec().imageSize(), seeds.child("probe"));
    TrainConfig tc = task.resources().trainConfig();
    double lr = tc.lr() / c.lrFactor();

    float[] scores = new float[Math.multiplyExact(t, n)];
    double[] perTarget = new double[t];
    List<Integer> steps = new ArrayList<>();
    List<String> stoppedBy = new ArrayList<>();
    List<Double> forget = new ArrayList<>();
    List<Double> retain = new ArrayList<>();
    double unlearnSeconds = 0;
    int sweepsSkipped = 0;
    long trainable;
    boolean[] computedOriginal = {false};
    ProbeSweep sweep;
    double shared;
    try (DitEdmModel m = task.openModel().withEvalBatch(c.evalBatch())) {
      List<String> subset = ParamSubsets.mlpWeights(m.params());
      trainable = m.params().count(subset);
      sweep = new ProbeSweep(m, train, probes);
      String key = String.format(Locale.ROOT,
          "mucs/v%s/original-losses/k=%d/t=%s/sigma=%s..%s/rho=%s/probe-seed=%016x/eval-batch=%d/threads=%d",
          VERSION, k, c.tSchedInfer(), task.spec().sampler().sigmaMin(), task.spec().sampler().sigmaMax(),
          task.spec().sampler().rho(), seeds.child("probe").seed(), c.evalBatch(), task.threads());
      float[] original = task.resources().cached(key, () -> {
        computedOriginal[0] = true;
        return sweep.losses(false);
      });
      FineTuner tuner = m.fineTuner(new FineTuneSpec(subset, 2 * b, lr, tc.weightDecay(), tc.beta1(), tc.beta2(),
          tc.adamEps()));
      MirroredUnlearning unlearning = new MirroredUnlearning(tuner, train, b, c.lamb(), nl.value(), c.tolerance(),
          c.stepCap(), c.fixedSteps());
      shared = (System.nanoTime() - t0) / 1e9;
      task.progress().start("mucs: unlearn and rescore", t);
      int d = task.spec().imageSize();
      int cd = task.spec().condDim();
      float[] target = new float[d];
      float[] cond = cd == 0 ? null : new float[cd];
      for (int i = 0; i < t; i++) {
        long s0 = System.nanoTime();
        System.arraycopy(targets.images(), i * d, target, 0, d);
        if (cond != null) {
          System.arraycopy(targets.conds(), i * cd, cond, 0, cd);
        }
        MirroredUnlearning.Outcome o = unlearning.run(target, cond, seeds.child("unlearn").child("target", i));
        // No step applied: the "unlearned" model is the attributed one, its losses are the original
        // losses by definition and every skew is exactly 0; the sweep is skipped, not approximated.
        float[] unlearned = o.steps() == 0 ? original : sweep.losses(false);
        if (o.steps() == 0) {
          sweepsSkipped++;
        }
        SkewScore.scores(original, unlearned, n, k, c.eps(), scores, i * n);
        steps.add(o.steps());
        stoppedBy.add(o.stoppedBy().label());
        forget.add(o.forgetLoss());
        retain.add(o.retainLoss());
        unlearnSeconds += o.seconds();
        perTarget[i] = (System.nanoTime() - s0) / 1e9;
        task.progress().step(i + 1);
      }
    }
    Map<String, Object> md = new LinkedHashMap<>();
    md.put("options", c.describe());
    md.put("trainable_subset", "weight matrices of both MLP linears of every DiT block and of the condition MLP;"
        + " no biases (the reference's frozen-substring rule)");
    md.put("trainable_params", trainable);
    md.put("unlearn_lr", lr);
    md.put("optimizer", String.format(Locale.ROOT, "AdamW wd=%s betas=(%s, %s) eps=%s, from the training config",
        tc.weightDecay(), tc.beta1(), tc.beta2(), tc.adamEps()));
    md.put("loss_null", nl.value());
    md.put("loss_null_source", nl.estimated() ? "estimated (fresh output-zero model)" : "given");
    md.put("loss_null_samples", nl.samples());
    md.put("loss_null_analytic", nl.analytic());
    md.put("data_second_moment", nl.secondMoment());
    md.put("probe_sigma_max", (double) probes.sigmas()[0]);
    md.put("probe_sigma_min", (double) probes.sigmas()[k - 1]);
    md.put("stop_check", c.fixedSteps() > 0 ? "off: exactly fixed_steps steps (the reference's max_steps)"
        : "before each step, on that step's draws (reference); step_cap ends it otherwise (ours)");
    md.put("unlearn_batch", b + " retain + " + b + " target copies per step"
        + (c.batchSize() == 0 ? " (= num_noises, the reference's batch_size=None)" : " (batch_size)"));
    md.put("precision", "float32 throughout; the reference scores under bfloat16 autocast with reduced-precision "
        + "matmuls, so near-tied training images may rank differently");
    md.put("steps_to_stop", steps);
    md.put("stopped_by", stoppedBy);
    md.put("final_forget_loss", forget);
    md.put("final_retain_loss", retain);
    md.put("original_losses_cached", !computedOriginal[0]);
    md.put("sweep_forward_passes", sweep.passes());
    md.put("sweep_seconds", sweep.seconds());
    md.put("sweeps_skipped", sweepsSkipped);
    md.put("unlearn_steps_total", steps.stream().mapToLong(Integer::longValue).sum());
    md.put("unlearn_evaluations_total", steps.stream().mapToLong(s -> s + 1L).sum());
    md.put("unlearn_seconds", unlearnSeconds);
    md.put("threads", task.threads());
    return new Scores(t, n, scores, shared, perTarget, md);
  }

  /** L_null: the given value, or the reference's estimate (cached: it depends on data and seeds only). */
  private static NullLoss nullLoss(AttributionTask task, MucsConfig c) {
    if (!c.autoLossNull()) {
      return NullLoss.given(c.lossNull(), task.spec(), task.train());
    }
    SeedTree s = task.seeds().child("null");
    String key = String.format(Locale.ROOT, "mucs/v%s/loss-null/batch=%d/batches=%d/seed=%016x/threads=%d",
        VERSION, c.batch(), c.nullBatches(), s.seed(), task.threads());
    // Stored as float either way, so a fresh and a cached run use the same bits.
    float[] v = task.resources().cached(key, () -> {
      NullLoss e = NullLoss.estimate(task.spec(), task.train(), c.batch(), c.nullBatches(), s, task.threads());
      return new float[] {(float) e.value(), e.samples()};
    });
    NullLoss given = NullLoss.given(v[0], task.spec(), task.train());
    return new NullLoss(v[0], (int) v[1], given.analytic(), given.secondMoment());
  }
}
