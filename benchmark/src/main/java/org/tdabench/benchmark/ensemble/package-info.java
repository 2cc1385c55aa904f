/**
 * The encoded-ensemble track's statistics and outputs: every method scored against the exact
 * leave-one-out counterfactuals of an encoded ensemble (per-target Spearman, the paired difference
 * to random, recall@k of the exact top-k, the first-order estimate's agreement), its CSVs and its
 * report section. The stages that compute the ensemble and its ground truth live in
 * {@code org.tdabench.benchmark.run} (EnsembleStage, EnsembleAttribution, EnsembleJobs).
 */
package org.tdabench.benchmark.ensemble;
