package org.tdabench.benchmark.ablation;

import org.tdabench.benchmark.stats.Estimate;

/**
 * One method's result on one metric and group, against random removal (sony/mucs).
 *
 * @param metric metric id ("ssim", "l2", ...)
 * @param distance whether the metric is a distance (then "similarity" below means its negation)
 * @param group targets or controls
 * @param auc P(sim_random > sim_method), ties 1/2, with a percentile bootstrap interval resampling
 *     both groups; 0.5 = random, higher = the method changed its images more
 * @param ratio Ratio %, mean +- 1.98 SE; negative = the method changed its images more
 * @param mean mean raw metric value over the method's images
 * @param median median raw metric value
 */
public record MetricResult(String metric, boolean distance, Group group, Estimate auc, Estimate ratio,
    double mean, double median) {}
