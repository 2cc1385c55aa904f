package org.tdabench.models.train;

/**
 * What one model of a fleet produced: its result, or why it failed (the other models' results are
 * kept).
 *
 * @param label the member's label
 * @param result the training result (null if the model failed)
 * @param failure the failure (null if the model trained)
 */
public record FleetOutcome(String label, TrainResult result, RuntimeException failure) {
  public boolean failed() {
    return failure != null;
  }

  /** The result, or the member's failure thrown. */
  public TrainResult orThrow() {
    if (failure != null) {
      throw failure;
    }
    return result;
  }
}
