package org.tdabench.models;

/**
 * A scalar per (sample, probe) whose parameter gradient is an attribution feature.
 * With x_s = x0 + sigma eps, D the denoiser and F the raw network output:
 */
public enum OutputFunction {
  /** The EDM training loss lambda(sigma) mean (D - x0)^2 (TRAK, TracIn, ReTrac, AbU). */
  LOSS,
  /** mean F^2, the squared norm of the raw network output (the D-TRAK analogue we use). */
  SQUARED_OUTPUT,
  /** mean eps_hat^2 with the implied noise eps_hat = (x_s - D) / sigma (D-TRAK alternative). */
  SQUARED_EPS,
  /** mean F, a scalar compression of the output (DAS). */
  MEAN_OUTPUT
}
