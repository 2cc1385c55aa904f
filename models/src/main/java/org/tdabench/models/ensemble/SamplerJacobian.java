package org.tdabench.models.ensemble;

import org.tdabench.models.config.SamplerConfig;
import org.tdabench.models.edm.HeunSampler;

/**
 * The Jacobian of a whole sampler run with respect to the ensemble weights, J_k = dx_final/dw_k at
 * w (zheng-dai/GenEns Jacobian.py: forward-mode AD through every sampler step with the n basis
 * tangents). Forward mode here is explicit: each of the n tangents T_k = dx/dw_k is carried
 * through every Heun step next to x, and at every denoiser call
 *
 * <pre>
 *   dD_w(x)/dw_k = D_k(x) + sum_j w_j (dD_j/dx) T_k
 * </pre>
 *
 * where (dD_j/dx) T_k is member j's Jacobian-vector product ({@link MemberDenoisers#denoiseJvp},
 * computed analytically in the graph). The tangents start at 0 (x_0 = sigma_max eps does not
 * depend on w), so the first call needs no products. Cost per target: n members x n tangents
 * products per denoiser call, as the reference's n dual-number copies.
 */
public final class SamplerJacobian {
  private final MemberDenoisers members;
  private final SamplerConfig cfg;
  private final EnsembleSampler guidance;

  public SamplerJacobian(MemberDenoisers members, SamplerConfig cfg) {
    this.members = members;
    this.cfg = cfg;
    this.guidance = new EnsembleSampler(members, cfg);
  }

  /**
   * The samples and Jacobians of {@code count} targets.
   *
   * @param samples the final images, flat [count][d]
   * @param jacobian J[t][k] = d sample_t / d w_k, flat [d]
   */
  public record Result(float[] samples, float[][][] jacobian) {}

  /**
   * Runs the sampler from {@code eps} (count unit-normal images) with conditions {@code y} (null
   * if unconditional) and weights {@code w}, carrying the n tangents.
   */
  public Result run(float[] eps, float[] y, int count, double[] w) {
    int d = members.imageSize();
    int n = members.members();
    if (w.length != n) {
      throw new IllegalArgumentException("need one weight per member (" + n + ")");
    }
    double[] t = new HeunSampler(cfg).grid();
    float[] x = new float[count * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (t[0] * eps[i]);
    }
    float[][][] tan = new float[count][n][d];
    float[] xNext = new float[count * d];
    float[][][] tanNext = new float[count][n][d];
    float[] dCur = new float[count * d];
    float[][][] tCur = new float[count][n][d];
    for (int i = 0; i < t.length - 1; i++) {
      double tc = t[i];
      double tn = t[i + 1];
      Call c = call(x, tan, y, count, w, tc, i == 0);
      for (int s = 0; s < count; s++) {
        for (int p = 0; p < d; p++) {
          int j = s * d + p;
          dCur[j] = (float) ((x[j] - c.den[j]) / tc);
          xNext[j] = (float) (x[j] + (tn - tc) * dCur[j]);
        }
        for (int k = 0; k < n; k++) {
          for (int p = 0; p < d; p++) {
            tCur[s][k][p] = (float) ((tan[s][k][p] - c.dDen[s][k][p]) / tc);
            tanNext[s][k][p] = (float) (tan[s][k][p] + (tn - tc) * tCur[s][k][p]);
          }
        }
      }
      if (i < t.length - 2) {
        Call c2 = call(xNext, tanNext, y, count, w, tn, false);
        for (int s = 0; s < count; s++) {
          for (int p = 0; p < d; p++) {
            int j = s * d + p;
            double dPrime = (xNext[j] - c2.den[j]) / tn;
            xNext[j] = (float) (x[j] + (tn - tc) * (0.5 * dCur[j] + 0.5 * dPrime));
          }
          for (int k = 0; k < n; k++) {
            for (int p = 0; p < d; p++) {
              double tPrime = (tanNext[s][k][p] - c2.dDen[s][k][p]) / tn;
              tanNext[s][k][p] = (float) (tan[s][k][p] + (tn - tc) * (0.5 * tCur[s][k][p] + 0.5 * tPrime));
            }
          }
        }
      }
      float[] tmp = x;
      x = xNext;
      xNext = tmp;
      float[][][] tt = tan;
      tan = tanNext;
      tanNext = tt;
    }
    return new Result(x, tan);
  }

  /** D_w at x and its n weight derivatives. */
  private record Call(float[] den, float[][][] dDen) {}

  private Call call(float[] x, float[][][] tan, float[] y, int count, double[] w, double sigma, boolean zeroTangents) {
    int d = members.imageSize();
    int cd = members.condDim();
    int n = members.members();
    float[] den = new float[count * d];
    float[][][] dDen = new float[count][n][d];
    // Rows (s, k): target s with tangent k; x and y repeated per tangent.
    float[] xs = null;
    float[] ys = null;
    float[] vs = null;
    if (!zeroTangents) {
      xs = new float[count * n * d];
      ys = y == null ? null : new float[count * n * cd];
      vs = new float[count * n * d];
      for (int s = 0; s < count; s++) {
        for (int k = 0; k < n; k++) {
          int row = s * n + k;
          System.arraycopy(x, s * d, xs, row * d, d);
          System.arraycopy(tan[s][k], 0, vs, row * d, d);
          if (ys != null) {
            System.arraycopy(y, s * cd, ys, row * cd, cd);
          }
        }
      }
    }
    for (int m = 0; m < n; m++) {
      float wm = (float) w[m];
      float[] dm;
      if (zeroTangents) {
        dm = guidance.guided(m, x, y, sigma, count);
      } else {
        float[][] r = guidedJvp(m, xs, ys, vs, sigma, count * n);
        dm = new float[count * d];
        for (int s = 0; s < count; s++) {
          System.arraycopy(r[0], (s * n) * d, dm, s * d, d);
          for (int k = 0; k < n; k++) {
            float[] dk = dDen[s][k];
            int off = (s * n + k) * d;
            for (int p = 0; p < d; p++) {
              dk[p] += wm * r[1][off + p];
            }
          }
        }
      }
      for (int s = 0; s < count; s++) {
        float[] explicit = dDen[s][m];
        for (int p = 0; p < d; p++) {
          float v = dm[s * d + p];
          den[s * d + p] += wm * v;
          explicit[p] += v;
        }
      }
    }
    return new Call(den, dDen);
  }

  private float[][] guidedJvp(int m, float[] x, float[] y, float[] v, double sigma, int rows) {
    float[][] c = members.denoiseJvp(m, x, y, v, sigma, rows);
    double g = guidance.guidance();
    if (y == null || g == 1.0) {
      return c;
    }
    float[][] u = members.denoiseJvp(m, x, new float[y.length], v, sigma, rows);
    for (int a = 0; a < 2; a++) {
      for (int i = 0; i < c[a].length; i++) {
        c[a][i] = (float) (g * c[a][i] + (1 - g) * u[a][i]);
      }
    }
    return c;
  }
}
