package org.tdabench.models.ensemble;

import org.tdabench.models.ProbeSet;
import org.tdabench.models.config.EdmConfig;
import org.tdabench.models.edm.Edm;

/**
 * A target's EDM loss under any ensemble weights, exactly, from one forward pass per member and
 * probe: with A_jp = D_j(x + sigma_p eps_p) - x, the loss of the weighted ensemble is
 *
 * <pre>
 *   L(w) = 1/K sum_p lambda(sigma_p) mean_pixels (sum_j w_j A_jp)^2 = w^T Q w,
 *   Q_jk = 1/K sum_p lambda(sigma_p) / d &lt;A_jp, A_kp&gt;,
 * </pre>
 *
 * which holds for every w whose entries sum to 1 (uniform and every "without i" vector do). The
 * loss is conditional (no guidance), as training and the LDS ground truth are.
 */
public final class EnsembleLoss {
  private EnsembleLoss() {}

  /** Q of each of {@code count} targets (flat images {@code x}, conditions {@code y} or null). */
  public static double[][][] gram(MemberDenoisers members, float[] x, float[] y, int count, ProbeSet probes,
      EdmConfig edm) {
    int n = members.members();
    int d = members.imageSize();
    int k = probes.size();
    double[][][] q = new double[count][n][n];
    float[] noisy = new float[count * d];
    for (int p = 0; p < k; p++) {
      double s = probes.sigmas()[p];
      for (int t = 0; t < count; t++) {
        for (int i = 0; i < d; i++) {
          noisy[t * d + i] = (float) (x[t * d + i] + s * probes.eps()[p * d + i]);
        }
      }
      float[][] a = new float[n][];
      for (int j = 0; j < n; j++) {
        a[j] = members.denoise(j, noisy, y, s, count);
        for (int i = 0; i < a[j].length; i++) {
          a[j][i] -= x[i];
        }
      }
      double scale = Edm.lossWeight(s, edm.sigmaData()) / d / k;
      for (int t = 0; t < count; t++) {
        for (int j = 0; j < n; j++) {
          for (int l = j; l < n; l++) {
            double dot = 0;
            for (int i = t * d; i < (t + 1) * d; i++) {
              dot += (double) a[j][i] * a[l][i];
            }
            q[t][j][l] += scale * dot;
            if (l != j) {
              q[t][l][j] += scale * dot;
            }
          }
        }
      }
    }
    return q;
  }

  /** w^T Q w: the loss under weights {@code w} (which must sum to 1). */
  public static double value(double[][] q, double[] w) {
    double sum = 0;
    for (double v : w) {
      sum += v;
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw new IllegalArgumentException("ensemble weights must sum to 1, got " + sum);
    }
    return FirstOrderInfluence.quadratic(q, w);
  }
}
