package org.tdabench.models.ensemble;

import java.util.ArrayList;
import java.util.List;
import org.tdabench.models.config.SamplerConfig;
import org.tdabench.models.edm.HeunSampler;

/**
 * The deterministic Heun sampler ({@link HeunSampler}) with a weighted ensemble denoiser
 * D_w(x) = sum_j w_j D_j(x), for many weight vectors at once: the exact counterfactuals of an
 * encoded ensemble (every training sample's "without" weights, from the same noise) and the
 * ensemble itself (uniform weights, D = the members' mean, as zheng-dai/GenEns Sample.py averages
 * the members' predictions at every step).
 *
 * <p>Rows are batched by member: at every denoiser call member j runs once over all rows that give
 * it a non-zero weight, in graph batches of the members' size, and its outputs are accumulated
 * into those rows. Rows of one group start from the same noise and condition, so the first
 * denoiser call (at x = sigma_max eps) is the same for all of them and runs once per group and
 * member; after that the trajectories differ and nothing else is shared.
 *
 * <p>With classifier-free guidance (a conditional model and cfg != 1) every member output is
 * w D_j(x|y) + (1 - w) D_j(x|null), as {@link org.tdabench.models.DitEdmModel#sample} does; the
 * guided ensemble is then the weighted sum of guided members (guidance is linear).
 */
public final class EnsembleSampler {
  private final MemberDenoisers members;
  private final SamplerConfig cfg;

  public EnsembleSampler(MemberDenoisers members, SamplerConfig cfg) {
    this.members = members;
    this.cfg = cfg;
  }

  /** The guidance weight that applies: 1 for unconditional members. */
  double guidance() {
    return members.condDim() == 0 ? 1.0 : cfg.cfg();
  }

  /**
   * Samples with every weight vector: row r starts from noise {@code eps[group[r]]} (unit normal,
   * x_0 = sigma_max eps) with condition {@code y[group[r]]} (null if unconditional) and uses the
   * denoiser sum_j {@code w[r][j]} D_j. Returns the final images, R rows, flat NHWC.
   */
  public float[] sample(float[] eps, float[] y, int[] group, double[][] w) {
    int d = members.imageSize();
    int n = members.members();
    int rows = group.length;
    int groups = eps.length / d;
    if (w.length != rows) {
      throw new IllegalArgumentException("need one weight vector per row");
    }
    for (double[] wr : w) {
      if (wr.length != n) {
        throw new IllegalArgumentException("weight vectors must have one entry per member (" + n + ")");
      }
    }
    double[] t = new HeunSampler(cfg).grid();
    float[] x = new float[rows * d];
    for (int r = 0; r < rows; r++) {
      int g = group[r];
      for (int p = 0; p < d; p++) {
        x[r * d + p] = (float) (t[0] * eps[g * d + p]);
      }
    }
    float[] dCur = new float[rows * d];
    float[] xNext = new float[rows * d];
    for (int i = 0; i < t.length - 1; i++) {
      double tc = t[i];
      double tn = t[i + 1];
      float[] den = i == 0 ? firstCall(eps, y, group, groups, w, tc) : weighted(x, y, group, w, tc);
      for (int j = 0; j < rows * d; j++) {
        dCur[j] = (float) ((x[j] - den[j]) / tc);
        xNext[j] = (float) (x[j] + (tn - tc) * dCur[j]);
      }
      if (i < t.length - 2) {
        float[] den2 = weighted(xNext, y, group, w, tn);
        for (int j = 0; j < rows * d; j++) {
          double dPrime = (xNext[j] - den2[j]) / tn;
          xNext[j] = (float) (x[j] + (tn - tc) * (0.5 * dCur[j] + 0.5 * dPrime));
        }
      }
      float[] tmp = x;
      x = xNext;
      xNext = tmp;
    }
    return x;
  }

  /** The first denoiser call: every group's start x_0 through every member once, then combined. */
  private float[] firstCall(float[] eps, float[] y, int[] group, int groups, double[][] w, double sigma) {
    int d = members.imageSize();
    float[] x0 = new float[groups * d];
    for (int j = 0; j < x0.length; j++) {
      x0[j] = (float) (sigma * eps[j]);
    }
    float[] den = new float[group.length * d];
    for (int m = 0; m < members.members(); m++) {
      float[] dm = guided(m, x0, y, sigma, groups);
      for (int r = 0; r < group.length; r++) {
        float wr = (float) w[r][m];
        if (wr != 0) {
          int src = group[r] * d;
          for (int p = 0; p < d; p++) {
            den[r * d + p] += wr * dm[src + p];
          }
        }
      }
    }
    return den;
  }

  /** sum_j w_rj D_j(x_r) for every row, each member run over the rows that weight it. */
  private float[] weighted(float[] x, float[] y, int[] group, double[][] w, double sigma) {
    int d = members.imageSize();
    int cd = members.condDim();
    int rows = group.length;
    float[] den = new float[rows * d];
    for (int m = 0; m < members.members(); m++) {
      List<Integer> sel = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        if (w[r][m] != 0) {
          sel.add(r);
        }
      }
      if (sel.isEmpty()) {
        continue;
      }
      int c = sel.size();
      float[] xs = new float[c * d];
      float[] ys = y == null ? null : new float[c * cd];
      for (int k = 0; k < c; k++) {
        int r = sel.get(k);
        System.arraycopy(x, r * d, xs, k * d, d);
        if (ys != null) {
          System.arraycopy(y, group[r] * cd, ys, k * cd, cd);
        }
      }
      float[] dm = guided(m, xs, ys, sigma, c);
      for (int k = 0; k < c; k++) {
        int r = sel.get(k);
        float wr = (float) w[r][m];
        for (int p = 0; p < d; p++) {
          den[r * d + p] += wr * dm[k * d + p];
        }
      }
    }
    return den;
  }

  /** Member m's output with classifier-free guidance where it applies. */
  float[] guided(int m, float[] x, float[] y, double sigma, int count) {
    float[] dc = members.denoise(m, x, y, sigma, count);
    double g = guidance();
    if (y == null || g == 1.0) {
      return dc;
    }
    float[] du = members.denoise(m, x, new float[y.length], sigma, count);
    float[] out = new float[dc.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (g * dc[i] + (1 - g) * du[i]);
    }
    return out;
  }
}
