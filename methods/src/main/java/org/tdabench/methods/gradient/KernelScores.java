package org.tdabench.methods.gradient;

/**
 * TRAK's kernel scores S = Phi_t (Phi^T Phi + lambda I_k)^-1 Phi^T for training features Phi
 * (N x k) and target features Phi_t (T x k), and the leverages h_i = phi_i^T (Phi^T Phi +
 * lambda I)^-1 phi_i that DAS needs. With N < k (5,000 vs 32,768 in D-TRAK) the dual form is used:
 * S = A (G + lambda I_N)^-1 with G = Phi Phi^T and A = Phi_t Phi^T (push-through identity), and
 * 1 - h_i = lambda [(G + lambda I)^-1]_ii, which avoids cancelling 1 against h_i. Otherwise the
 * primal k x k system is solved. Products run blockwise in float32; solves in float64.
 */
public final class KernelScores {
  /** Which system to solve. */
  public enum Form { AUTO, DUAL, PRIMAL }

  /** Scores [T][N] row-major; 1 - h_i per training sample when leverages were asked for. */
  public record Solution(float[] scores, double[] oneMinusLeverage) {}

  /** Rows of a feature block: about 64 MiB of floats. */
  private static final long BLOCK_BYTES = 64L << 20;

  private final TfLinalg la;
  private final FeatureStore train;
  private final boolean dual;
  private final int n;
  private final int t;
  private final int k;
  private final double[] gram;
  private final double[] rhs;
  private final double trace;

  public KernelScores(TfLinalg la, FeatureStore train, FeatureStore targets, Form form) {
    if (train.dim() != targets.dim()) {
      throw new IllegalArgumentException("training and target features differ in dimension");
    }
    this.la = la;
    this.train = train;
    this.n = train.rows();
    this.t = targets.rows();
    this.k = train.dim();
    this.dual = form == Form.DUAL || form == Form.AUTO && n < k;
    float[] phiT = targets.all();
    if (dual) {
      gram = new double[n * n];
      rhs = new double[n * t];
      int rows = blockRows();
      for (int i0 = 0; i0 < n; i0 += rows) {
        int ni = Math.min(rows, n - i0);
        float[] bi = new float[ni * k];
        train.read(i0, ni, bi);
        float[] a = la.matmulNT(phiT, t, bi, ni, k); // [t, ni]
        for (int r = 0; r < t; r++) {
          for (int c = 0; c < ni; c++) {
            rhs[(i0 + c) * t + r] = a[r * ni + c];
          }
        }
        for (int j0 = 0; j0 <= i0; j0 += rows) {
          int nj = Math.min(rows, n - j0);
          float[] bj = new float[nj * k];
          train.read(j0, nj, bj);
          float[] g = la.matmulNT(bi, ni, bj, nj, k); // [ni, nj]
          for (int r = 0; r < ni; r++) {
            for (int c = 0; c < nj; c++) {
              gram[(i0 + r) * n + j0 + c] = g[r * nj + c];
              gram[(j0 + c) * n + i0 + r] = g[r * nj + c];
            }
          }
        }
      }
      double tr = 0;
      for (int i = 0; i < n; i++) {
        tr += gram[i * n + i];
      }
      trace = tr;
    } else {
      gram = new double[k * k];
      int rows = blockRows();
      for (int i0 = 0; i0 < n; i0 += rows) {
        int ni = Math.min(rows, n - i0);
        float[] bi = new float[ni * k];
        train.read(i0, ni, bi);
        float[] h = la.matmulTN(bi, ni, k, bi, k); // [k, k]
        for (int i = 0; i < h.length; i++) {
          gram[i] += h[i];
        }
      }
      rhs = new double[k * t];
      for (int r = 0; r < t; r++) {
        for (int c = 0; c < k; c++) {
          rhs[c * t + r] = phiT[r * k + c];
        }
      }
      double tr = 0;
      for (int i = 0; i < k; i++) {
        tr += gram[i * k + i];
      }
      trace = tr;
    }
  }

  private int blockRows() {
    return (int) Math.max(1, Math.min(n, BLOCK_BYTES / (4L * k)));
  }

  /** "dual" (N x N system) or "primal" (k x k). */
  public String form() {
    return dual ? "dual" : "primal";
  }

  /** trace(Phi^T Phi) = sum_i |phi_i|^2, the scale of relative ridge grids. */
  public double trace() {
    return trace;
  }

  public int featureDim() {
    return k;
  }

  /** Scores (and, if {@code leverage}, 1 - h_i) at ridge {@code lambda} > 0. */
  public Solution solve(double lambda, boolean leverage) {
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("lambda must be > 0");
    }
    float[] s = new float[t * n];
    if (dual) {
      TfLinalg.Solution sol = la.solve(gram, n, lambda, rhs, t, leverage);
      double[] x = sol.x(); // [n, t] = (G + lambda I)^-1 A^T
      for (int i = 0; i < n; i++) {
        for (int r = 0; r < t; r++) {
          s[r * n + i] = (float) x[i * t + r];
        }
      }
      double[] omh = null;
      if (leverage) {
        omh = new double[n];
        for (int i = 0; i < n; i++) {
          omh[i] = lambda * sol.inverseDiagonal()[i];
        }
      }
      return new Solution(s, omh);
    }
    double[] x = la.solve(gram, k, lambda, rhs, t, false).x(); // [k, t] = H^-1 Phi_t^T
    float[] xt = new float[t * k];
    for (int c = 0; c < k; c++) {
      for (int r = 0; r < t; r++) {
        xt[r * k + c] = (float) x[c * t + r];
      }
    }
    double[] omh = leverage ? new double[n] : null;
    int rows = blockRows();
    for (int i0 = 0; i0 < n; i0 += rows) {
      int ni = Math.min(rows, n - i0);
      float[] bi = new float[ni * k];
      train.read(i0, ni, bi);
      float[] part = la.matmulNT(bi, ni, xt, t, k); // [ni, t]
      for (int i = 0; i < ni; i++) {
        for (int r = 0; r < t; r++) {
          s[r * n + i0 + i] = part[i * t + r];
        }
      }
      if (leverage) {
        double[] bt = new double[k * ni];
        for (int i = 0; i < ni; i++) {
          for (int c = 0; c < k; c++) {
            bt[c * ni + i] = bi[i * k + c];
          }
        }
        double[] z = la.solve(gram, k, lambda, bt, ni, false).x(); // [k, ni] = H^-1 Phi_b^T
        for (int i = 0; i < ni; i++) {
          double h = 0;
          for (int c = 0; c < k; c++) {
            h += bt[c * ni + i] * z[c * ni + i];
          }
          omh[i0 + i] = 1 - h;
        }
      }
    }
    return new Solution(s, omh);
  }
}
