package org.tdabench.benchmark.ablation;

import org.tdabench.benchmark.stats.MannWhitney;

/**
 * A Mann-Whitney p-value between two methods' similarities on one metric and group (sony/mucs):
 * on targets one-sided, H1 "first's similarities are stochastically smaller than second's" (the
 * first changed its targets more); on controls two-sided. Distances are negated first so the
 * direction means the same for every metric. {@link MannWhitney#METHOD} states the approximation.
 */
public record PairwiseTest(String metric, Group group, String first, String second,
    MannWhitney.Alternative alternative, double p) {}
