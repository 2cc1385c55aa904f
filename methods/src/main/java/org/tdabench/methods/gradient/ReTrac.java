package org.tdabench.methods.gradient;

/**
 * ReTrac (Xie et al., TMLR 2024): Diffusion-TracIn with every per-sigma target gradient and every
 * training gradient normalised to unit length, which removes the sigma-induced norm bias that
 * makes the same training images top every target's list.
 */
public final class ReTrac extends TracInAttribution {
  @Override
  public String name() {
    return "retrac";
  }

  @Override
  public String description() {
    return "ReTrac: Diffusion-TracIn with unit-normalised per-sigma target and training gradients";
  }

  @Override
  protected boolean renormalised() {
    return true;
  }
}
