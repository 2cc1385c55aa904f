package org.tdabench.methods.unlearning;

/**
 * MUCS's noise-consistent normalised skew (the reference's {@code compute_scores} with
 * use_same_noise_infer and use_loss_ratio): for training image j,
 * S[j] = mean_k (L_u[j,k] - L_t[j,k]) / (L_u[j,k] + L_t[j,k] + eps), where L_t and L_u are the
 * original and unlearned model's losses at the same probe k. Losses are >= 0, so every term, and
 * S, lies in (-1, 1); higher means image j was forgotten with the target, i.e. is more influential.
 */
public final class SkewScore {
  private SkewScore() {}

  /**
   * Scores of n images from [n][k] row-major losses, into {@code out[offset, offset + n)}.
   */
  public static void scores(float[] original, float[] unlearned, int n, int k, double eps, float[] out, int offset) {
    if (original.length != (long) n * k || unlearned.length != (long) n * k) {
      throw new IllegalArgumentException("losses must be n x k = " + n + " x " + k);
    }
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int p = j * k; p < (j + 1) * k; p++) {
        double lt = original[p];
        double lu = unlearned[p];
        s += (lu - lt) / (lu + lt + eps);
      }
      out[offset + j] = (float) (s / k);
    }
  }
}
