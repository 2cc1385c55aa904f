package org.tdabench.models.train;

import org.tdabench.core.UserError;

/** The training loss (or validation loss) became NaN or infinite. */
public final class TrainingDivergedException extends UserError {
  private static final long serialVersionUID = 1L;

  public TrainingDivergedException(long step, int epoch, double lr) {
    super("training diverged: the loss is not finite at step " + step + " (epoch " + epoch
        + ", learning rate " + lr + "); lower the learning rate or check the input data");
  }

  /** The divergence of one named model (of a fleet). */
  public TrainingDivergedException(String label, long step, int epoch, double lr) {
    super("training diverged: " + label + ": the loss is not finite at step " + step + " (epoch " + epoch
        + ", learning rate " + lr + "); lower the learning rate or check the input data");
  }
}
