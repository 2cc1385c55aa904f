package org.tdabench.benchmark.lds;

import java.util.Map;

/**
 * Outcome of choosing a method's hyper-parameter on the tune family.
 *
 * @param chosen the candidate with the best mean LDS on the tune family (ties: see {@link
 *     HyperparameterSelection})
 * @param tuneMeans mean tune-family LDS of every candidate, in candidate order
 * @param eval the chosen candidate's eval-family LDS with intervals: the number to report
 * @param evalMeans mean eval-family LDS of every candidate, in candidate order
 * @param optimisticChoice the candidate that is best on the eval family itself
 * @param optimistic its mean eval-family LDS: what D-TRAK reports (sail-sg/D-TRAK). It is
 *     biased upwards and must only be shown labelled {@link #OPTIMISTIC_LABEL}
 */
public record TunedLds(
    String chosen,
    Map<String, Double> tuneMeans,
    LdsResult eval,
    Map<String, Double> evalMeans,
    String optimisticChoice,
    double optimistic) {

  /** The label that goes with {@link #optimistic()} wherever it is shown. */
  public static final String OPTIMISTIC_LABEL = "best-on-eval (optimistic, tuned on the evaluation subsets)";
}
