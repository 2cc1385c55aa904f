/**
 * Gradient-based attribution: TRAK, D-TRAK and DAS (kernel methods on projected gradient
 * features) and Diffusion-TracIn and ReTrac (checkpoint-summed gradient dot products), ported to
 * DiT-EDM on one shared machinery.
 *
 * <ul>
 *   <li>{@link org.tdabench.methods.gradient.GradientStream}: per-sample gradients of an output
 *       function over G probes per row, batched through per-sample weight copies (one backward
 *       pass per batch).
 *   <li>{@link org.tdabench.methods.gradient.GaussianProjector}: the dense Gaussian projection
 *       (N(0, 1), no 1/sqrt(k), blockwise from the seed tree, never stored whole), applied to
 *       chunks of rows so that each block of P is generated once per chunk; blocks are cached in
 *       graph variables when P fits half the memory budget.
 *   <li>{@link org.tdabench.methods.gradient.FeatureExtractor}: training set and targets, under one
 *       or several models' weights, streamed through one projector into
 *       {@link org.tdabench.methods.gradient.FeatureStore}s (in memory or in the scratch folder):
 *       memory O(N k) for features, never O(N p).
 *   <li>{@link org.tdabench.methods.gradient.KernelScores}: S = Phi_t (Phi^T Phi + lambda I)^-1
 *       Phi^T by the N x N dual solve when N < k, leverages for DAS, float64 Cholesky through
 *       TensorFlow ({@link org.tdabench.methods.gradient.TfLinalg}); every ridge value of
 *       {@link org.tdabench.methods.gradient.LambdaGrid} becomes a score candidate for the
 *       harness to choose on its tuning subsets.
 *   <li>{@link org.tdabench.methods.gradient.TracInScores}: both TracIn variants in one pass over
 *       the training checkpoints, with {@link org.tdabench.methods.gradient.TopKRepetition} of
 *       each in the metadata.
 * </ul>
 *
 * <p>Porting choices shared by all five: a DDPM timestep t becomes the EDM noise level
 * sigma_t = sqrt((1 - abar_t) / abar_t) of the reference's schedule, so its timestep grid maps to
 * a {@link org.tdabench.methods.gradient.SigmaGrid} (other grids are options); probe noise is one
 * image per sigma shared by every sample and model. Each method records its own choices under
 * {@code porting} in its metadata.
 */
package org.tdabench.methods.gradient;
