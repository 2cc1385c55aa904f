/**
 * The MUCS retraining ablation on plain arrays: per-target top-k (ties to the lower id), the union
 * removed, per-image SSIM and pixel L2 before vs after, and AUC, Ratio, Mann-Whitney p-values and
 * overlap against random removal for targets and controls.
 */
package org.tdabench.benchmark.ablation;
