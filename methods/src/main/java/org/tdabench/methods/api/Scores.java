package org.tdabench.methods.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A method's result: a T x N float score matrix, row-major (row t = target t, column i = training
 * sample i in the task's training order; higher = more influential), plus timings and metadata.
 *
 * @param sharedSeconds work done once for all targets (e.g. original-model losses, features)
 * @param perTargetSeconds work per target (e.g. unlearning and re-scoring), one entry per target
 * @param metadata what ran: option values, porting choices, per-target diagnostics (e.g. MUCS
 *     steps-to-stop); JSON-serialisable values only
 */
public record Scores(int targets, int train, float[] values, double sharedSeconds, double[] perTargetSeconds,
    Map<String, Object> metadata) {

  public Scores {
    if (values.length != (long) targets * train) {
      throw new IllegalArgumentException("scores hold " + values.length + " values, expected "
          + targets + " x " + train);
    }
    if (perTargetSeconds.length != targets) {
      throw new IllegalArgumentException("need one per-target time per target");
    }
    for (float v : values) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("scores must be finite");
      }
    }
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  public float get(int target, int sample) {
    return values[target * train + sample];
  }

  /** One target's row (a copy). */
  public float[] row(int target) {
    float[] r = new float[train];
    System.arraycopy(values, target * train, r, 0, train);
    return r;
  }

  /** Amortised attribution seconds per target: (shared + sum of per-target) / T, as MUCS reports. */
  public double amortisedSecondsPerTarget() {
    double s = sharedSeconds;
    for (double t : perTargetSeconds) {
      s += t;
    }
    return targets == 0 ? 0 : s / targets;
  }
}
