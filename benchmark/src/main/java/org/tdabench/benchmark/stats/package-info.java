/**
 * Statistics of the benchmark, from Hipparchus and checked against scipy: Spearman with average
 * ranks, seeded percentile bootstrap, Mann-Whitney U (normal approximation, stated in results), ROC
 * AUC, the MUCS Ratio % and top-k overlap. Every random draw comes from the seed tree.
 */
package org.tdabench.benchmark.stats;
