package org.tdabench.models;

import java.util.List;

/**
 * Fine-tuning a parameter subset (everything else frozen) with AdamW against the objective
 * sum_b w_b min(l_b, c_b), where l_b is sample b's EDM loss at a fresh training sigma and noise
 * drawn in-graph from the step's seed, and the weights w_b and clamps c_b are given per step (MUCS:
 * w = 1/R on retain images, -lambda/F on target copies clamped at L_null). Eval mode: no dropout,
 * no condition dropout.
 *
 * @param trainable names of the parameters that train
 * @param batch samples per step (static)
 * @param lr learning rate
 * @param weightDecay AdamW decoupled decay on the trainable parameters
 */
public record FineTuneSpec(List<String> trainable, int batch, double lr, double weightDecay,
    double beta1, double beta2, double eps) {

  public FineTuneSpec {
    trainable = List.copyOf(trainable);
    if (trainable.isEmpty() || batch < 1 || lr <= 0) {
      throw new IllegalArgumentException("fine-tuning needs trainable parameters, batch >= 1, lr > 0");
    }
  }

  /** PyTorch AdamW defaults (betas 0.9, 0.999; eps 1e-8). */
  public static FineTuneSpec adamW(List<String> trainable, int batch, double lr, double weightDecay) {
    return new FineTuneSpec(trainable, batch, lr, weightDecay, 0.9, 0.999, 1e-8);
  }
}
