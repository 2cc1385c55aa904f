package org.tdabench.models.edm;

/** A batched denoiser D(x; sigma) on flat NHWC float arrays (used by the sampler). */
@FunctionalInterface
public interface Denoiser {
  /**
   * Denoises {@code x} (n images, flat NHWC) at noise level {@code sigma} (the same for every
   * image) and returns D(x; sigma) of the same layout.
   */
  float[] denoise(float[] x, double sigma);
}
