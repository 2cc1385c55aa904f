package org.tdabench.methods.gradient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.methods.api.Scores;

/**
 * Diffusion-TracIn and ReTrac share every gradient ({@link TracInScores}); each method reports its
 * own scores and, in the metadata, the top-k repetition across targets of both (the "dominating
 * norm effect" that ReTrac's normalisation removes).
 */
public abstract class TracInAttribution implements AttributionMethod {
  /** Whether this method is ReTrac (normalised gradients). */
  protected abstract boolean renormalised();

  @Override
  public String version() {
    return "1";
  }

  @Override
  public MethodOptions.Schema options() {
    return TracInConfig.schema();
  }

  @Override
  public Optional<String> unavailableReason(AttributionTask task) {
    return task.resources().trainingCheckpoints().isEmpty()
        ? Optional.of("the attributed model kept no training checkpoints up to its best epoch (set the run's TracIn "
            + "checkpoint interval)")
        : Optional.empty();
  }

  @Override
  public void checkOptions(MethodOptions options) {
    TracInConfig.from(options);
  }

  @Override
  public Scores attribute(AttributionTask task) {
    TracInConfig c = TracInConfig.from(task.options());
    TracInScores.Result r = TracInScores.compute(task, c);
    int t = task.targets().size();
    int n = task.train().size();
    Map<String, Object> md = new LinkedHashMap<>();
    md.put("options", task.options().values());
    md.put("config", c.describe());
    md.put("checkpoints", r.checkpoints());
    Map<String, Object> rep = new LinkedHashMap<>();
    rep.put("tracin", TopKRepetition.of(r.tracin(), t, n, c.topk()).describe());
    rep.put("retrac", TopKRepetition.of(r.retrac(), t, n, c.topk()).describe());
    md.put("topk_repetition", rep);
    md.put("porting", porting(c));
    double[] per = new double[t];
    java.util.Arrays.fill(per, t == 0 ? 0 : r.targetSeconds() / t);
    float[] values = renormalised() ? r.retrac() : r.tracin();
    return new Scores(t, n, values, r.seconds() - r.targetSeconds(), per, md);
  }

  private Map<String, Object> porting(TracInConfig c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("loss", "the EDM training loss lambda(sigma) mean (D - x0)^2, the model's own training loss (the "
        + "reference differentiates its L1 training loss)");
    m.put("training_gradient", "at the sigma the row was last trained with up to the checkpoint, fresh noise, "
        + "clean (un-augmented) image; rows never drawn yet contribute 0 at that checkpoint");
    m.put("target_gradient", c.targetSigmas() + " sigmas (" + SigmaGrid.describe(c.sigmaGrid()) + ") x "
        + c.targetNoises() + " noises shared by targets and checkpoints (ReTrac: linspace(1, 999, 100) timesteps of its "
        + "cosine schedule x 16 fresh noises per target and checkpoint)");
    m.put("checkpoints", "those kept up to the attributed (best validation) epoch: early stopping trains on past it, "
        + "and those updates never shaped the attributed weights (the reference attributes the end of its trajectory)");
    m.put("checkpoint_weight", "lr of the checkpoint's epoch x optimiser steps since the previous checkpoint x "
        + "batch / N; raw gradients (the optimiser's preconditioning is ignored, as in the reference)");
    m.put("normalisation", renormalised()
        ? "every per-sigma target gradient and every training gradient scaled to unit L2 norm (+1e-8)"
        : "none (Diffusion-TracIn)");
    m.put("projection", c.projectionDim() == 0 ? "none: exact dot products of full gradients (reference)"
        : "Gaussian k=" + c.projectionDim() + ", each gradient projected as it streams, norms taken on the full "
            + "gradients, projected dot products divided by k (unbiased for the exact ones; ours)");
    return m;
  }
}
