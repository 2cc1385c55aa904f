package org.tdabench.models.ensemble;

/**
 * The first-order counterfactual of an encoded ensemble (Dai and Gifford's slides, eq. 11): with
 * J_k = dx/dw_k at the uniform weights u, removing sample i changes the sample by about
 * sum_k J_k (w_ik - u_k), w_i = {@link EnsembleCodes#withoutWeights}. The influence of i is the
 * Euclidean norm of that change in the data scale (the paper stops at J; the norm is our choice,
 * the same distance as the exact ground truth). All N norms come from the n x n Gram matrix
 * J^T J: ||J dw||^2 = dw^T (J^T J) dw.
 */
public final class FirstOrderInfluence {
  private FirstOrderInfluence() {}

  /** G = J^T J, J given as n rows of d floats (double accumulation). */
  public static double[][] gram(float[][] jacobian) {
    int n = jacobian.length;
    double[][] g = new double[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = a; b < n; b++) {
        double s = 0;
        float[] ja = jacobian[a];
        float[] jb = jacobian[b];
        for (int p = 0; p < ja.length; p++) {
          s += (double) ja[p] * jb[p];
        }
        g[a][b] = s;
        g[b][a] = s;
      }
    }
    return g;
  }

  /** First-order distances ||J (w_i - u)|| of every sample i. */
  public static double[] distances(float[][] jacobian, EnsembleCodes codes) {
    double[][] g = gram(jacobian);
    double[] u = codes.uniformWeights();
    int n = codes.members();
    double[] out = new double[codes.samples()];
    double[] dw = new double[n];
    for (int i = 0; i < out.length; i++) {
      double[] w = codes.withoutWeights(i);
      for (int k = 0; k < n; k++) {
        dw[k] = w[k] - u[k];
      }
      out[i] = Math.sqrt(Math.max(0, quadratic(g, dw)));
    }
    return out;
  }

  /** The first-order change image sum_k J_k dw_k. */
  public static float[] change(float[][] jacobian, double[] dw) {
    float[] out = new float[jacobian[0].length];
    for (int k = 0; k < jacobian.length; k++) {
      for (int p = 0; p < out.length; p++) {
        out[p] += (float) (dw[k] * jacobian[k][p]);
      }
    }
    return out;
  }

  /** v^T M v. */
  static double quadratic(double[][] m, double[] v) {
    double s = 0;
    for (int a = 0; a < v.length; a++) {
      if (v[a] == 0) {
        continue;
      }
      double row = 0;
      for (int b = 0; b < v.length; b++) {
        row += m[a][b] * v[b];
      }
      s += v[a] * row;
    }
    return s;
  }
}
