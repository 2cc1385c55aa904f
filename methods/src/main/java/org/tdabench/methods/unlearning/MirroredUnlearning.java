package org.tdabench.methods.unlearning;

import java.util.Arrays;
import org.tdabench.core.SeedTree;
import org.tdabench.methods.api.ImageSet;
import org.tdabench.models.FineTuner;

/**
 * MUCS's mirrored unlearning of one target (the reference's {@code compute_unlearning}): each step
 * takes B shuffled training images (descent) and B copies of the target (ascent), every row with
 * its own fresh training sigma and noise, and minimises mean(l_retain) - lamb mean(min(l_target,
 * L_null)). The clamp bounds the ascent: a noise draw whose loss already reached L_null gives no
 * gradient. Before every step (step 0 included) the step's clamped target loss is compared with
 * (1 - tolerance) L_null; when it is reached the model is returned without applying that step.
 * The fine-tuner runs the model in eval mode and trains only its parameter subset with AdamW.
 * Ours: a step cap on top of the rule; or, as the reference's {@code max_steps}, the rule off and a
 * fixed number of steps.
 *
 * <p>The fine-tuner's batch is static: rows [0, B) are the retain images, rows [B, 2B) the target.
 */
public final class MirroredUnlearning {
  private final FineTuner tuner;
  private final ImageSet train;
  private final int batch;
  private final double lossNull;
  private final double tolerance;
  private final int stepCap;
  private final int fixedSteps;
  private final float[] weights;
  private final float[] clamps;

  /** What ended the unlearning of a target. */
  public enum Stop {
    /** The stop rule fired. */
    RULE,
    /** The step cap ended it before the rule fired (ours). */
    CAP,
    /** The rule was off and the fixed number of steps ran (the reference's max_steps). */
    FIXED;

    /** The word recorded in the scores' metadata. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * What happened to one target.
   *
   * @param steps AdamW updates applied
   * @param stoppedBy what ended it
   * @param forgetLoss the last evaluated mean min(l_target, L_null)
   * @param retainLoss the last evaluated mean retain loss
   * @param seconds wall time
   */
  public record Outcome(int steps, Stop stoppedBy, double forgetLoss, double retainLoss, double seconds) {}

  /**
   * @param stepCap at most this many steps when the rule decides (ours)
   * @param fixedSteps 0: the rule decides; n > 0: the rule is off and exactly n steps run (the
   *     reference's {@code max_steps}; the cap does not apply)
   */
  public MirroredUnlearning(FineTuner tuner, ImageSet train, int batch, double lamb, double lossNull,
      double tolerance, int stepCap, int fixedSteps) {
    if (tuner.spec().batch() != 2 * batch) {
      throw new IllegalArgumentException("the fine-tuner's batch must be 2 x " + batch);
    }
    this.tuner = tuner;
    this.train = train;
    this.batch = batch;
    this.lossNull = lossNull;
    this.tolerance = tolerance;
    this.stepCap = stepCap;
    this.fixedSteps = fixedSteps;
    // Objective sum_b w_b min(l_b, c_b): 1/B on retain rows (no clamp), -lamb/B on target rows,
    // clamped at L_null.
    this.weights = new float[2 * batch];
    this.clamps = new float[2 * batch];
    Arrays.fill(weights, 0, batch, 1f / batch);
    Arrays.fill(weights, batch, 2 * batch, (float) (-lamb / batch));
    Arrays.fill(clamps, 0, batch, Float.POSITIVE_INFINITY);
    Arrays.fill(clamps, batch, 2 * batch, (float) lossNull);
  }

  /** Mean of min(l, clamp) over {@code losses[from, from + count)}. */
  public static double clampedMean(float[] losses, int from, int count, double clamp) {
    double s = 0;
    for (int i = from; i < from + count; i++) {
      s += Math.min(losses[i], clamp);
    }
    return s / count;
  }

  /** The reference's stop rule: the clamped target loss reached (1 - tolerance) L_null. */
  public static boolean unlearned(double clampedForgetLoss, double lossNull, double tolerance) {
    return clampedForgetLoss >= (1 - tolerance) * lossNull;
  }

  /**
   * Restores the fine-tuner's snapshot (the attributed weights, fresh AdamW state) and unlearns
   * {@code target} (one image, flat; {@code cond} its condition or null). Step s draws its sigmas
   * and noise from {@code seeds.child("step", s)}, the retain batches come from
   * {@code seeds.child("retain")}. The unlearned weights stay in the model.
   */
  public Outcome run(float[] target, float[] cond, SeedTree seeds) {
    long t0 = System.nanoTime();
    tuner.reset();
    int d = train.imageSize();
    int cd = train.condDim();
    float[] x = new float[2 * batch * d];
    float[] y = cd == 0 ? null : new float[2 * batch * cd];
    for (int i = batch; i < 2 * batch; i++) {
      System.arraycopy(target, 0, x, i * d, d);
      if (y != null) {
        System.arraycopy(cond, 0, y, i * cd, cd);
      }
    }
    RetainBatches retain = new RetainBatches(train.size(), batch, seeds.child("retain"));
    int step = 0;
    while (true) {
      int[] rows = retain.next();
      for (int i = 0; i < batch; i++) {
        train.image(rows[i], x, i * d);
        if (y != null) {
          train.cond(rows[i], y, i * cd);
        }
      }
      float[] l = tuner.evaluate(x, y, weights, clamps, seeds.child("step", step).statelessPair());
      double forget = clampedMean(l, batch, batch, lossNull);
      double kept = clampedMean(l, 0, batch, Double.POSITIVE_INFINITY);
      Stop stop = null;
      if (fixedSteps > 0) {
        // The reference's max_steps: (max_steps is not None and step >= max_steps), no rule.
        stop = step >= fixedSteps ? Stop.FIXED : null;
      } else if (unlearned(forget, lossNull, tolerance)) {
        stop = Stop.RULE;
      } else if (step >= stepCap) {
        stop = Stop.CAP;
      }
      if (stop != null) {
        return new Outcome(step, stop, forget, kept, (System.nanoTime() - t0) / 1e9);
      }
      tuner.apply();
      step++;
    }
  }
}
