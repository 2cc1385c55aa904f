package org.tdabench.methods.unlearning;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tdabench.methods.api.MethodOptions;

/**
 * The options of {@link Abu}. Defaults are the reference's (PeterWang512/AttributeByUnlearning,
 * mscoco/compute_influence.py, compute_fisher.py, compute_training_loss.py) except where marked
 * "ours".
 *
 * @param unlearnLr eta of the Newton-type step theta += eta g / (N F) (0.01)
 * @param unlearnSteps Newton-type steps, each with a fresh averaged gradient (1)
 * @param unlearnBatchSize target copies per gradient micro-batch (80)
 * @param unlearnGradAccumSteps micro-batches averaged into g (625: 50,000 (sigma, eps) draws)
 * @param lossTimeSamples sigmas of the loss probe on training images (20)
 * @param fisherEpochs passes over the training set and its mirror images for the Fisher (5)
 * @param fisherBatchSize per-sample gradients per graph run (32)
 * @param fisherDamping ours: F + fisherDamping x mean(F) in the denominator (the reference adds
 *     nothing); entries with F = 0 exactly are never updated
 * @param ewcN ours: the N of the step (0 = the training-set size, as the reference). The step is
 *     eta g / (N F): the EWC penalty of N samples. At N = 500 instead of COCO's 118,287 the
 *     reference's eta moves the subset by more than its own norm, far outside the first-order
 *     regime in which the scores rank by influence; {@code ewc_n=118287} keeps the reference's
 *     step size on a small training set.
 * @param evalBatch forward passes per graph run of the loss probe (ours: a speed setting)
 */
public record AbuConfig(
    double unlearnLr,
    int unlearnSteps,
    int unlearnBatchSize,
    int unlearnGradAccumSteps,
    int lossTimeSamples,
    int fisherEpochs,
    int fisherBatchSize,
    double fisherDamping,
    long ewcN,
    int evalBatch) {

  public static MethodOptions.Schema schema() {
    return new MethodOptions.Schema()
        .add("unlearn_lr", 0.01, "eta of the step theta += eta g / (N F) (reference 0.01)")
        .add("unlearn_steps", 1, "Newton-type steps (reference 1)")
        .add("unlearn_batch_size", 80, "target copies per gradient micro-batch (reference 80)")
        .add("unlearn_grad_accum_steps", 625, "micro-batches averaged into g (reference 625: 50,000 draws)")
        .add("loss_time_samples", 20, "Karras sigmas of the loss probe on training images (reference 20)")
        .add("fisher_epochs", 5, "passes over the training images and their mirror images (reference 5)")
        .add("fisher_batch_size", 32, "per-sample gradients per graph run (reference 32)")
        .add("fisher_damping", 1e-8, "ours: F + damping x mean(F) in the denominator; F = 0 entries never move")
        .add("ewc_n", 0, "ours: N in eta g / (N F); 0 = the training-set size (reference)")
        .add("eval_batch", 500, "forward passes per graph run of the loss probe (ours; speed only)");
  }

  public static AbuConfig from(MethodOptions o) {
    double lr = o.getDouble("unlearn_lr");
    if (!(lr >= 0) || Double.isInfinite(lr)) {
      throw o.bad("unlearn_lr", "a finite number >= 0");
    }
    int steps = o.getInt("unlearn_steps");
    if (steps < 0) {
      throw o.bad("unlearn_steps", "an integer >= 0");
    }
    double damping = o.getDouble("fisher_damping");
    if (!(damping >= 0) || Double.isInfinite(damping)) {
      throw o.bad("fisher_damping", "a finite number >= 0");
    }
    long ewcN = o.getLong("ewc_n");
    if (ewcN < 0) {
      throw o.bad("ewc_n", "0 (the training-set size) or a positive integer");
    }
    return new AbuConfig(lr, steps, o.getPositiveInt("unlearn_batch_size"),
        o.getPositiveInt("unlearn_grad_accum_steps"),
        o.getPositiveInt("loss_time_samples"), o.getPositiveInt("fisher_epochs"), o.getPositiveInt("fisher_batch_size"),
        damping, ewcN, o.getPositiveInt("eval_batch"));
  }

  /** (sigma, eps) draws of the target averaged into each step's gradient. */
  public long unlearnDraws() {
    return (long) unlearnBatchSize * unlearnGradAccumSteps;
  }

  /** The N of the step for a training set of {@code trainSize} images. */
  public long stepN(int trainSize) {
    return ewcN == 0 ? trainSize : ewcN;
  }

  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("unlearn_lr", unlearnLr);
    m.put("unlearn_steps", unlearnSteps);
    m.put("unlearn_batch_size", unlearnBatchSize);
    m.put("unlearn_grad_accum_steps", unlearnGradAccumSteps);
    m.put("unlearn_draws", unlearnDraws());
    m.put("loss_time_samples", lossTimeSamples);
    m.put("fisher_epochs", fisherEpochs);
    m.put("fisher_batch_size", fisherBatchSize);
    m.put("fisher_damping", fisherDamping);
    m.put("ewc_n", ewcN == 0 ? "train size" : ewcN);
    m.put("eval_batch", evalBatch);
    return m;
  }
}
