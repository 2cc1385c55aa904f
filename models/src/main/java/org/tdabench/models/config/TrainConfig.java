package org.tdabench.models.config;

/**
 * Training settings of the MUCS reference (configs/*_dit_edm.yaml, lib/trainer_module.py).
 *
 * @param batchSize images per optimiser step (reference 128)
 * @param lr base learning rate (1e-4 CIFAR-10, 2e-4 ArtBench-10/COCO)
 * @param weightDecay AdamW decoupled weight decay, applied to every parameter (0.01)
 * @param beta1 AdamW beta1 (0.9)
 * @param beta2 AdamW beta2 (0.999)
 * @param adamEps AdamW epsilon (1e-8)
 * @param stepsPerEpoch optimiser steps per "epoch"; the reference's epoch is 1000 steps, and the
 *     learning-rate schedule and validation run once per epoch
 * @param maxEpochs maximum number of epochs (200 / 250 / 300)
 * @param warmupEpochs the {@code warmctt_N} schedule: linear warm-up from 0.005 x lr over N epochs
 *     (clamped to [1, maxEpochs - 1] as the reference does), then constant (10)
 * @param patience stop when epoch - bestEpoch >= patience (20)
 * @param emaDecay EMA decay after every step (0.999)
 * @param augmentProb ADA probability multiplier p for the geometric augmentations (0.12); x-flip
 *     always fires with a 50/50 coin, as the reference's 1e8 multiplier makes it
 * @param validationLimit at most this many test images in the validation loss (0 = all)
 */
public record TrainConfig(
    int batchSize,
    double lr,
    double weightDecay,
    double beta1,
    double beta2,
    double adamEps,
    int stepsPerEpoch,
    int maxEpochs,
    int warmupEpochs,
    int patience,
    double emaDecay,
    double augmentProb,
    int validationLimit) {

  public TrainConfig {
    DitEdmConfig.require(batchSize > 0, "batch size must be positive, got " + batchSize);
    DitEdmConfig.require(lr > 0, "learning rate must be positive, got " + lr);
    DitEdmConfig.require(weightDecay >= 0, "weight decay must be >= 0, got " + weightDecay);
    DitEdmConfig.require(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1,
        "AdamW betas must be in [0, 1)");
    DitEdmConfig.require(stepsPerEpoch > 0, "stepsPerEpoch must be positive, got " + stepsPerEpoch);
    DitEdmConfig.require(maxEpochs > 0, "maxEpochs must be positive, got " + maxEpochs);
    DitEdmConfig.require(patience > 0, "patience must be positive, got " + patience);
    DitEdmConfig.require(emaDecay >= 0 && emaDecay < 1, "emaDecay must be in [0, 1), got " + emaDecay);
    DitEdmConfig.require(augmentProb >= 0 && augmentProb <= 1,
        "augmentProb must be in [0, 1], got " + augmentProb);
    DitEdmConfig.require(validationLimit >= 0, "validationLimit must be >= 0");
  }

  public long maxSteps() {
    return (long) stepsPerEpoch * maxEpochs;
  }

  /** Effective warm-up length: the reference clamps N to [1, maxEpochs - 1]. */
  public int effectiveWarmupEpochs() {
    return Math.max(1, Math.min(warmupEpochs, maxEpochs - 1));
  }

  /**
   * Learning-rate factor of epoch {@code e} under {@code warmctt_N}: PyTorch's LinearLR from 0.005
   * to 1 over N epochs, then constant 1. Stepped once per epoch, so constant within an epoch.
   */
  public double lrFactor(int epoch) {
    int n = effectiveWarmupEpochs();
    if (epoch >= n) {
      return 1.0;
    }
    return 0.005 + (1.0 - 0.005) * epoch / n;
  }

  public TrainConfig withMaxEpochs(int epochs) {
    return new TrainConfig(batchSize, lr, weightDecay, beta1, beta2, adamEps, stepsPerEpoch, epochs,
        warmupEpochs, patience, emaDecay, augmentProb, validationLimit);
  }

  public TrainConfig withStepsPerEpoch(int steps) {
    return new TrainConfig(batchSize, lr, weightDecay, beta1, beta2, adamEps, steps, maxEpochs,
        warmupEpochs, patience, emaDecay, augmentProb, validationLimit);
  }

  public TrainConfig withBatchSize(int b) {
    return new TrainConfig(b, lr, weightDecay, beta1, beta2, adamEps, stepsPerEpoch, maxEpochs,
        warmupEpochs, patience, emaDecay, augmentProb, validationLimit);
  }

  public TrainConfig withAugmentProb(double p) {
    return new TrainConfig(batchSize, lr, weightDecay, beta1, beta2, adamEps, stepsPerEpoch,
        maxEpochs, warmupEpochs, patience, emaDecay, p, validationLimit);
  }
}
