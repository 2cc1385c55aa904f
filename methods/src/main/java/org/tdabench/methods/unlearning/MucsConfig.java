package org.tdabench.methods.unlearning;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.tdabench.methods.api.MethodOptions;

/**
 * The options of {@link Mucs}. Every default is the reference's ({@code Attributor.__init__} in
 * sony/mucs attribution/mucs.py) except where marked "ours".
 *
 * @param numNoises K, the (sigma, eps) probes of every training image at scoring time, and the
 *     unlearning batch when {@code batchSize} is 0 (100). A preset that shrinks K for speed also
 *     shrinks that batch, and the stop rule then averages fewer (sigma, eps) draws, so it fires
 *     earlier by chance; {@code batchSize} decouples the two
 * @param batchSize retain images and target copies per unlearning step (0 = {@code numNoises}, the
 *     reference's {@code batch_size=None})
 * @param lrFactor unlearning learning rate = the model's training learning rate / lrFactor (10)
 * @param lamb weight of the clamped ascent term on the target (0.2)
 * @param tolerance stop once the mean clamped target loss is >= (1 - tolerance) L_null (0.05)
 * @param stepCap cap on the unlearning steps of one target on top of the stop rule (ours, 1000:
 *     the reference loops until the rule fires, possibly forever; on the small preset the rule fired
 *     after 78 to 471 steps). Not the reference's {@code max_steps}: that is {@code fixedSteps}
 * @param fixedSteps 0: the stop rule decides (reference default); n > 0: the rule is off and
 *     exactly n steps run, what the reference's {@code max_steps=n} does (the cap then does not
 *     apply)
 * @param lossNull L_null to use, or NaN for the reference's "auto": estimated with a freshly
 *     initialised (output-zero) model on training batches at training sigmas
 * @param nullBatches at most this many unlearning-sized batches for the L_null estimate (200; one
 *     shuffled pass over the training set, as the reference's loop over its data loader)
 * @param tSchedInfer the scoring sigmas are the first K points of an int(K / tSchedInfer)-point
 *     Karras grid (0.7)
 * @param eps constant of the score denominator (1e-3)
 * @param evalBatch forward passes per graph run of the scoring sweep (ours: a speed setting)
 */
public record MucsConfig(
    int numNoises,
    int batchSize,
    double lrFactor,
    double lamb,
    double tolerance,
    int stepCap,
    int fixedSteps,
    double lossNull,
    int nullBatches,
    double tSchedInfer,
    double eps,
    int evalBatch) {

  /** The option schema, with the defaults above. */
  public static MethodOptions.Schema schema() {
    return new MethodOptions.Schema()
        .add("num_noises", 100, "K scoring probes per training image; also the unlearning batch unless batch_size "
            + "is set (reference 100)")
        .add("batch_size", 0, "retain images = target copies per unlearning step; 0 = num_noises (reference)")
        .add("lr_factor", 10, "unlearning lr = training lr / lr_factor (reference 10)")
        .add("lamb", 0.2, "weight of the clamped ascent term on the target (reference 0.2)")
        .add("tolerance", 0.05, "stop when mean min(l_target, L_null) >= (1 - tolerance) L_null (reference 0.05)")
        .add("step_cap", 1000, "cap on unlearning steps per target on top of the stop rule (ours; the reference has "
            + "none)")
        .add("fixed_steps", 0, "0: the stop rule decides (reference); n: rule off, exactly n steps (the "
            + "reference's max_steps=n)")
        .add("loss_null", "auto", "L_null: auto = estimated with a freshly initialised model (reference), or a number")
        .add("null_batches", 200, "at most this many batches for the L_null estimate, one pass (reference 200)")
        .add("t_sched_infer", 0.7, "scoring sigmas: first K of an int(K / t)-point Karras grid (reference 0.7)")
        .add("eps", 1e-3, "constant in the score denominator (reference 1e-3)")
        .add("eval_batch", 500, "forward passes per graph run of the scoring sweep (ours; speed only)");
  }

  /** Reads and validates the options (one-line errors naming the option). */
  public static MucsConfig from(MethodOptions o) {
    int k = o.getPositiveInt("num_noises");
    int b = o.getInt("batch_size");
    if (b < 0) {
      throw o.bad("batch_size", "0 (= num_noises) or a positive integer");
    }
    double lrFactor = o.getDouble("lr_factor");
    if (!(lrFactor > 0)) {
      throw o.bad("lr_factor", "a positive number");
    }
    double lamb = o.getDouble("lamb");
    if (!(lamb >= 0)) {
      throw o.bad("lamb", "a number >= 0");
    }
    double tol = o.getDouble("tolerance");
    if (!(tol >= 0 && tol < 1)) {
      throw o.bad("tolerance", "a number in [0, 1)");
    }
    int stepCap = o.getInt("step_cap");
    if (stepCap < 0) {
      throw o.bad("step_cap", "an integer >= 0");
    }
    int fixedSteps = o.getInt("fixed_steps");
    if (fixedSteps < 0) {
      throw o.bad("fixed_steps", "0 (the stop rule decides) or a positive number of steps");
    }
    String ln = o.getString("loss_null").trim().toLowerCase(Locale.ROOT);
    double lossNull = Double.NaN;
    if (!ln.equals("auto")) {
      lossNull = o.getDouble("loss_null");
      if (!(lossNull > 0) || Double.isInfinite(lossNull)) {
        throw o.bad("loss_null", "auto or a positive number");
      }
    }
    double t = o.getDouble("t_sched_infer");
    if (!(t > 0 && t <= 1)) {
      throw o.bad("t_sched_infer", "a fraction in (0, 1]");
    }
    double eps = o.getDouble("eps");
    if (!(eps > 0)) {
      throw o.bad("eps", "a positive number");
    }
    return new MucsConfig(k, b, lrFactor, lamb, tol, stepCap, fixedSteps, lossNull, o.getPositiveInt("null_batches"), t,
        eps, o.getPositiveInt("eval_batch"));
  }

  /** Retain images (= target copies) per unlearning step. */
  public int batch() {
    return batchSize == 0 ? numNoises : batchSize;
  }

  public boolean autoLossNull() {
    return Double.isNaN(lossNull);
  }

  /** The values that ran, for the scores' metadata. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("num_noises", numNoises);
    m.put("batch_size", batch());
    m.put("lr_factor", lrFactor);
    m.put("lamb", lamb);
    m.put("tolerance", tolerance);
    m.put("step_cap", stepCap);
    m.put("fixed_steps", fixedSteps);
    m.put("loss_null", autoLossNull() ? "auto" : lossNull);
    m.put("null_batches", nullBatches);
    m.put("t_sched_infer", tSchedInfer);
    m.put("eps", eps);
    m.put("eval_batch", evalBatch);
    return m;
  }
}
