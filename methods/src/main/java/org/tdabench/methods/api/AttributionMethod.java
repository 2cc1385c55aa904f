package org.tdabench.methods.api;

import java.util.List;
import java.util.Optional;

/**
 * A training-data attribution method: given a trained model, its training set and target images,
 * a T x N score matrix (targets x training samples, higher = more influential).
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: add the class and one line in
 * {@code META-INF/services/org.tdabench.methods.api.AttributionMethod}, and the method competes on
 * the same models, targets and noise as every other. A method must draw every random number from
 * {@link AttributionTask#seeds()} and must record the option values it ran with in
 * {@link Scores#metadata()}.
 */
public interface AttributionMethod {
  /** Stable id used in results, options ({@code --method-opt <name>.<key>=...}) and recipes. */
  String name();

  /** One line for {@code tdabench methods}. */
  String description();

  /**
   * Version of the implementation; part of every recipe hash, so changing what a method computes
   * must change it (cached scores are then recomputed).
   */
  String version();

  /** The options this method understands, with their documented defaults. */
  MethodOptions.Schema options();

  /**
   * Rejects impossible option values with a {@link org.tdabench.core.UserError} (use
   * {@link MethodOptions#bad}). The harness calls it for every selected method before any job
   * starts, so a typo fails in a second, not after the trainings; {@link #attribute} must accept
   * whatever passes it. The default accepts everything.
   */
  default void checkOptions(MethodOptions options) {}

  /**
   * Empty if the method can run with this task's inputs; otherwise why not (the harness then skips
   * it and says so, it never fakes a result).
   */
  default Optional<String> unavailableReason(AttributionTask task) {
    return Optional.empty();
  }

  /**
   * How this method attributes an ensemble whose denoiser is the mean of member models (the
   * encoded-ensemble track). The default attributes each member and averages the scores.
   */
  default EnsembleMode ensembleMode() {
    return EnsembleMode.PER_MEMBER;
  }

  /**
   * Other methods whose scores on the same task this method reads through
   * {@link TaskResources#scoresOf} with these options (score ensembles): the harness computes them
   * first, as jobs of their own, so that their cost is counted once.
   */
  default List<String> requiredMethods(MethodOptions options) {
    return List.of();
  }

  /** Computes the scores. */
  Scores attribute(AttributionTask task);
}
