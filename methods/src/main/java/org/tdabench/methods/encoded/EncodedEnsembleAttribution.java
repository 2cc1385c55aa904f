package org.tdabench.methods.encoded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.EnsembleMode;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.methods.api.Scores;
import org.tdabench.methods.api.Targets;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.ProbeSet;
import org.tdabench.models.ensemble.EncodedEnsemble;
import org.tdabench.models.ensemble.EnsembleCodes;
import org.tdabench.models.ensemble.EnsembleLoss;
import org.tdabench.models.ensemble.FirstOrderInfluence;
import org.tdabench.models.ensemble.ModelMembers;
import org.tdabench.models.ensemble.SamplerJacobian;

/**
 * Encoded-ensemble attribution (Dai and Gifford, arXiv 2306.02174; zheng-dai/GenEns Jacobian.py
 * and the method's slides): the generator is an ensemble of n members trained on bit-coded halves
 * of the data, and removing sample i means keeping only the members that never saw it, weights
 * w_i = (1 - c_ij) / (n/2) instead of 1/n.
 *
 * <ul>
 *   <li>{@code jacobian} (default, the paper's estimate): the Jacobian J of the whole sampler run
 *       with respect to the member weights, by forward-mode tangents through every Heun step
 *       ({@link SamplerJacobian}); the influence of i is the Euclidean norm of the first-order
 *       change J (w_i - u), in the data scale. Needs generated targets (their noise seeds): the
 *       run is repeated from the target's noise and checked to reproduce the target.
 *   <li>{@code loss}: the target's EDM loss under the counterfactual weights minus its loss under
 *       the ensemble, exact (not an estimate): one forward pass per member and probe
 *       ({@link EnsembleLoss}). Higher = removing i raises the target's loss.
 * </ul>
 *
 * Both cost no per-sample gradients and no retraining; all N scores of a target come from an
 * n x n matrix.
 */
public final class EncodedEnsembleAttribution implements AttributionMethod {
  static final String JACOBIAN = "jacobian";
  static final String LOSS = "loss";

  @Override
  public String name() {
    return "encoded-ensemble";
  }

  @Override
  public String description() {
    return "encoded ensembles (Dai & Gifford): first-order change of the sample when the members that saw "
        + "a training image are dropped (needs an encoded ensemble: the ensemble track)";
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public MethodOptions.Schema options() {
    return new MethodOptions.Schema()
        .add("variant", JACOBIAN, "jacobian: norm of the first-order sample change (the paper); loss: the "
            + "target's exact EDM loss change under the counterfactual weights")
        .add("loss_sigmas", 10, "loss variant: sigmas at quantiles of the training log-normal")
        .add("loss_noises", 2, "loss variant: noise images per sigma")
        .add("targets_per_pass", 8, "jacobian variant: targets carried through the sampler together (speed only)")
        .add("eval_batch", 128, "largest graph batch of a member (speed only)");
  }

  @Override
  public void checkOptions(MethodOptions o) {
    variant(o);
    o.getPositiveInt("loss_sigmas");
    o.getPositiveInt("loss_noises");
    o.getPositiveInt("eval_batch");
    o.getPositiveInt("targets_per_pass");
  }

  static String variant(MethodOptions o) {
    String v = o.getString("variant").trim().toLowerCase(Locale.ROOT);
    if (!v.equals(JACOBIAN) && !v.equals(LOSS)) {
      throw o.bad("variant", JACOBIAN + " or " + LOSS);
    }
    return v;
  }

  @Override
  public EnsembleMode ensembleMode() {
    return EnsembleMode.WHOLE_ENSEMBLE;
  }

  @Override
  public Optional<String> unavailableReason(AttributionTask task) {
    if (task.resources().encodedEnsemble().isEmpty()) {
      return Optional.of("needs an encoded ensemble (member weights to move); a single model has none: "
          + "see the ensemble track");
    }
    if (variant(task.options()).equals(JACOBIAN)) {
      for (Targets.Target t : task.targets().info()) {
        if (t.kind() != Targets.Kind.GEN) {
          return Optional.of("the jacobian variant reruns the sampler from each target's noise and needs "
              + "generated targets; use variant=loss for " + t.kind().name().toLowerCase(Locale.ROOT) + " targets");
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public Scores attribute(AttributionTask task) {
    EncodedEnsemble ens = task.resources().encodedEnsemble()
        .orElseThrow(() -> new IllegalStateException("no encoded ensemble"));
    EnsembleCodes codes = ens.codes();
    if (codes.samples() != task.train().size()) {
      throw new IllegalStateException("codes for " + codes.samples() + " samples, training set of "
          + task.train().size());
    }
    MethodOptions o = task.options();
    String variant = variant(o);
    int t = task.targets().size();
    int n = codes.samples();
    int d = task.spec().imageSize();
    int cd = task.spec().condDim();
    float[] out = new float[t * n];
    double[] perTarget = new double[t];
    Map<String, Object> md = new LinkedHashMap<>();
    md.put("variant", variant);
    md.put("members", codes.members());
    long t0 = System.nanoTime();
    try (ModelMembers members = new ModelMembers(task.spec(), ens.members(), task.threads(),
        o.getPositiveInt("eval_batch"))) {
      double shared = (System.nanoTime() - t0) / 1e9;
      if (variant.equals(JACOBIAN)) {
        md.put("influence", "Euclidean norm of J (w_i - u) over all pixels, data scale, raw sampler output");
        SamplerJacobian jac = new SamplerJacobian(members, task.spec().sampler());
        List<Double> mismatch = new ArrayList<>();
        int pass = o.getPositiveInt("targets_per_pass");
        for (int s0 = 0; s0 < t; s0 += pass) {
          long ts = System.nanoTime();
          int c = Math.min(pass, t - s0);
          long[] seeds = new long[c];
          for (int k = 0; k < c; k++) {
            seeds[k] = task.targets().info().get(s0 + k).noiseSeed();
          }
          float[] eps = DitEdmModel.initialNoise(seeds, d);
          float[] y = cd == 0 ? null : java.util.Arrays.copyOfRange(task.targets().conds(), s0 * cd, (s0 + c) * cd);
          SamplerJacobian.Result r = jac.run(eps, y, c, codes.uniformWeights());
          for (int k = 0; k < c; k++) {
            int s = s0 + k;
            mismatch.add(maxAbsDiff(java.util.Arrays.copyOfRange(r.samples(), k * d, (k + 1) * d),
                task.targets().images(), s * d));
            double[] dist = FirstOrderInfluence.distances(r.jacobian()[k], codes);
            for (int i = 0; i < n; i++) {
              out[s * n + i] = (float) dist[i];
            }
          }
          // Targets of one pass share its time equally.
          double each = (System.nanoTime() - ts) / 1e9 / c;
          for (int k = 0; k < c; k++) {
            perTarget[s0 + k] = each;
          }
          task.progress().step(s0 + c);
        }
        // The rerun from the target's noise must reproduce the target (else the scores describe
        // another image): the largest pixel difference per target.
        md.put("rerun_max_abs_diff", mismatch);
      } else {
        int k = o.getPositiveInt("loss_sigmas");
        int noises = o.getPositiveInt("loss_noises");
        ProbeSet q = ProbeSet.trainingQuantiles(k, task.spec().edm().pMean(), task.spec().edm().pStd(), d,
            task.seeds().child("probe"));
        double[] sig = new double[k * noises];
        for (int i = 0; i < sig.length; i++) {
          sig[i] = q.sigmas()[i % k];
        }
        ProbeSet probes = ProbeSet.of(sig, d, task.seeds().child("probe"));
        md.put("influence", "EDM loss of the target under the counterfactual weights minus under 1/n, "
            + k + " sigmas x " + noises + " noises");
        for (int s = 0; s < t; s++) {
          long ts = System.nanoTime();
          float[] x = java.util.Arrays.copyOfRange(task.targets().images(), s * d, (s + 1) * d);
          float[] y = cd == 0 ? null : java.util.Arrays.copyOfRange(task.targets().conds(), s * cd, (s + 1) * cd);
          double[][] gram = EnsembleLoss.gram(members, x, y, 1, probes, task.spec().edm())[0];
          double base = EnsembleLoss.value(gram, codes.uniformWeights());
          for (int i = 0; i < n; i++) {
            out[s * n + i] = (float) (EnsembleLoss.value(gram, codes.withoutWeights(i)) - base);
          }
          perTarget[s] = (System.nanoTime() - ts) / 1e9;
          task.progress().step(s + 1);
        }
      }
      return new Scores(t, n, out, shared, perTarget, md);
    }
  }

  private static double maxAbsDiff(float[] a, float[] images, int offset) {
    double m = 0;
    for (int p = 0; p < a.length; p++) {
      m = Math.max(m, Math.abs(a[p] - images[offset + p]));
    }
    return m;
  }
}
