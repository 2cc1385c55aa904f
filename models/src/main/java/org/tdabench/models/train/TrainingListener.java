package org.tdabench.models.train;

/** Progress callbacks of a {@link Trainer} (for progress bars and logs). */
public interface TrainingListener {
  default void onStep(long step, long maxSteps, double loss) {}

  default void onEpoch(TrainResult.EpochLog log, boolean best) {}

  TrainingListener NONE = new TrainingListener() {};
}
