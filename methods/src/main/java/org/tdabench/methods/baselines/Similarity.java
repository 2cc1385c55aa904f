package org.tdabench.methods.baselines;

/** Row-wise cosine similarities between two sets of vectors. */
final class Similarity {
  private Similarity() {}

  /** Unit-normalised copies of n rows of length d (a zero row stays zero). */
  static float[] normalizeRows(float[] x, int n, int d) {
    float[] out = new float[n * d];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += (double) x[i * d + j] * x[i * d + j];
      }
      double inv = s > 0 ? 1.0 / Math.sqrt(s) : 0;
      for (int j = 0; j < d; j++) {
        out[i * d + j] = (float) (x[i * d + j] * inv);
      }
    }
    return out;
  }

  /** cos(a_t, b_i) for every pair: a T x N row-major matrix. */
  static float[] cosine(float[] a, int t, float[] b, int n, int d) {
    float[] an = normalizeRows(a, t, d);
    float[] bn = normalizeRows(b, n, d);
    float[] out = new float[t * n];
    for (int p = 0; p < t; p++) {
      for (int i = 0; i < n; i++) {
        double s = 0;
        int ap = p * d;
        int bi = i * d;
        for (int j = 0; j < d; j++) {
          s += (double) an[ap + j] * bn[bi + j];
        }
        out[p * n + i] = (float) s;
      }
    }
    return out;
  }
}
