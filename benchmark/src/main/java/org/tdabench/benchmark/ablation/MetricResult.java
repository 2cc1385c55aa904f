package org.tdabench.benchmark.ablation;

import org.tdabench.benchmark.stats.Estimate;

/**
 * One method's result on one metric and group, against its size-matched random removal (the MUCS
 * statistics, sony/mucs), as the mean over seeds of the per-seed statistic with a seed-level
 * interval ({@link org.tdabench.benchmark.stats.SeedInterval}).
 *
 * @param metric metric id ("ssim", "l2", ...)
 * @param distance whether the metric is a distance (then "similarity" below means its negation)
 * @param group targets or controls
 * @param auc P(sim_random > sim_method), ties 1/2; 0.5 = random, higher = the method changed its
 *     images more
 * @param ratio Ratio %: mean over images of 100 (value / max(median of the random removal's values,
 *     0.01) - 1), no sign flip; for a similarity negative means the method changed its images more,
 *     for a distance positive does
 * @param mean mean raw metric value over the method's images, all seeds
 * @param median median raw metric value
 */
public record MetricResult(String metric, boolean distance, Group group, Estimate auc, Estimate ratio,
    double mean, double median) {}
