package org.tdabench.models.ensemble;

/**
 * The members of an ensemble as batched denoisers on flat NHWC arrays: D_j(x; sigma | y) and its
 * Jacobian-vector product in x. Conditions are {@code null} for unconditional models; a zero
 * condition is the null condition of classifier-free guidance.
 */
public interface MemberDenoisers {
  /** n, the number of members. */
  int members();

  /** Floats per image. */
  int imageSize();

  /** Floats per condition (0: unconditional). */
  int condDim();

  /** D_j(x; sigma | y) for {@code count} images. */
  float[] denoise(int member, float[] x, float[] y, double sigma, int count);

  /** {D_j(x; sigma | y), (dD_j/dx) v} for {@code count} images, each with its own tangent in v. */
  float[][] denoiseJvp(int member, float[] x, float[] y, float[] v, double sigma, int count);
}
