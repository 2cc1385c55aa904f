package org.tdabench.models.train;

import java.util.List;
import org.tdabench.models.ModelWeights;

/**
 * What a training run produced.
 *
 * @param bestEma EMA weights of the epoch with the lowest validation loss (the reference's
 *     {@code checkpoint_best}, EMA model): the weights used for generation and attribution
 * @param bestEpoch that epoch (0-based)
 * @param bestValidationLoss its validation loss
 * @param epochs epochs run
 * @param steps optimiser steps run
 * @param stopReason why training stopped
 * @param history one entry per epoch
 * @param tracin training checkpoints kept for TracIn-style methods (empty unless requested)
 * @param seconds wall time of the training loop (this process only, resumed part excluded)
 */
public record TrainResult(
    ModelWeights bestEma,
    int bestEpoch,
    double bestValidationLoss,
    int epochs,
    long steps,
    String stopReason,
    List<EpochLog> history,
    List<TracInCheckpoint> tracin,
    double seconds) {

  /** One epoch: mean training loss, EMA validation loss, learning rate, wall seconds. */
  public record EpochLog(int epoch, double trainLoss, double validationLoss, double lr, double seconds) {}

  /**
   * Raw (non-EMA) weights at the end of an epoch, the learning rate of that epoch, and for every
   * training row the sigma it was last trained with (NaN if never drawn) — what Diffusion-TracIn
   * and ReTrac need.
   */
  public record TracInCheckpoint(int epoch, long step, double lr, ModelWeights weights, float[] lastSigma) {}

  /**
   * The checkpoints of the trajectory that produced the attributed weights: those kept at epochs
   * up to {@code bestEpoch}. Early stopping trains up to {@code patience} epochs past the best one,
   * and those updates never shaped the best epoch's EMA, so TracIn must not sum over them (the
   * reference has no early stopping: its attributed model is the end of its trajectory).
   */
  public static List<TracInCheckpoint> upToEpoch(List<TracInCheckpoint> checkpoints, int bestEpoch) {
    return checkpoints.stream().filter(c -> c.epoch() <= bestEpoch).toList();
  }

  /** {@link #upToEpoch} of this run's checkpoints and best epoch. */
  public List<TracInCheckpoint> tracinUpToBest() {
    return upToEpoch(tracin, bestEpoch);
  }
}
