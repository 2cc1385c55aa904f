/**
 * Encoded ensembles (Dai and Gifford, arXiv 2306.02174): n members trained on bit-coded halves of
 * the data, whose leave-one-out counterfactuals are exact without retraining.
 *
 * <ul>
 *   <li>{@link org.tdabench.models.ensemble.EnsembleCodes}: unique weight-n/2 codes from the seed
 *       tree; member j trains on the samples whose bit j is 1.
 *   <li>{@link org.tdabench.models.ensemble.EnsembleSampler}: Heun sampling with the weighted
 *       member denoiser, many weight vectors at once (the ensemble and its counterfactuals).
 *   <li>{@link org.tdabench.models.ensemble.ExactCounterfactuals}: every training sample's exact
 *       counterfactual of a target, batched by member.
 *   <li>{@link org.tdabench.models.ensemble.SamplerJacobian} and
 *       {@link org.tdabench.models.ensemble.FirstOrderInfluence}: the paper's first-order estimate
 *       by forward-mode tangents through the sampler.
 *   <li>{@link org.tdabench.models.ensemble.EnsembleLoss}: a target's exact EDM loss under any
 *       weights from one forward pass per member and probe.
 * </ul>
 */
package org.tdabench.models.ensemble;
