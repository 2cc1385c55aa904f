package org.tdabench.methods.gradient;

/**
 * Diffusion-TracIn (Xie et al., TMLR 2024; txie1/diffusion-ReTrac): learning-rate-weighted dot
 * products of training-sample loss gradients (at the sigma each was trained with) and target loss
 * gradients (averaged over 100 sigmas x 16 noises), summed over saved training checkpoints.
 */
public final class DiffusionTracIn extends TracInAttribution {
  @Override
  public String name() {
    return "tracin";
  }

  @Override
  public String description() {
    return "Diffusion-TracIn: lr-weighted gradient dot products summed over training checkpoints";
  }

  @Override
  protected boolean renormalised() {
    return false;
  }
}
