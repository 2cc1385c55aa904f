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
 * @param candidates alternative score matrices for a hyper-parameter the method cannot choose
 *     itself (e.g. "lambda=0.01" -> scores): the harness picks one on the LDS tuning subset family,
 *     never on the evaluation family, and reports the optimistic choice beside it. Empty for most
 *     methods; when present, {@code values} is the method's default candidate.
 */
public record Scores(int targets, int train, float[] values, double sharedSeconds, double[] perTargetSeconds,
    Map<String, Object> metadata, Map<String, float[]> candidates) {

  /** Scores without hyper-parameter candidates. */
  public Scores(int targets, int train, float[] values, double sharedSeconds, double[] perTargetSeconds,
      Map<String, Object> metadata) {
    this(targets, train, values, sharedSeconds, perTargetSeconds, metadata, Map.of());
  }

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
    for (Map.Entry<String, float[]> c : candidates.entrySet()) {
      if (c.getValue().length != values.length) {
        throw new IllegalArgumentException("candidate " + c.getKey() + " has the wrong size");
      }
    }
    candidates = Collections.unmodifiableMap(new LinkedHashMap<>(candidates));
  }

  /** These scores with {@code chosen} (one of the candidates) as the values. */
  public Scores choose(String candidate) {
    float[] v = candidates.get(candidate);
    if (v == null) {
      throw new IllegalArgumentException("no candidate " + candidate);
    }
    Map<String, Object> md = new LinkedHashMap<>(metadata);
    md.put("chosen_candidate", candidate);
    return new Scores(targets, train, v, sharedSeconds, perTargetSeconds, md, candidates);
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
