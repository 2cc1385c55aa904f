package org.tdabench.models.train;

import org.tdabench.core.Progress;

/** Progress callbacks of a {@link Trainer} (for progress bars and logs). */
public interface TrainingListener {
  default void onStep(long step, long maxSteps, double loss) {}

  default void onEpoch(TrainResult.EpochLog log, boolean best) {}

  TrainingListener NONE = new TrainingListener() {};

  /**
   * Reports the optimiser steps to {@code progress} (its total is the step budget; early stopping
   * ends the task before it). The caller closes {@code progress}.
   */
  static TrainingListener reportingTo(Progress progress) {
    return new TrainingListener() {
      @Override
      public void onStep(long step, long maxSteps, double loss) {
        progress.maxHint(maxSteps);
        progress.stepTo(step);
      }
    };
  }
}
