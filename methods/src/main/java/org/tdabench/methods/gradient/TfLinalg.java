package org.tdabench.methods.gradient;

import org.tdabench.models.graph.Sessions;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.linalg.TriangularSolve;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;

/**
 * Dense linear algebra on host arrays through TensorFlow's kernels (Eigen GEMM, Cholesky and
 * triangular solves), one small graph whose shapes are fed at run time: products of feature
 * blocks in float32, and ridge solves (M + lambda I) X = B in float64 via the Cholesky factor.
 */
public final class TfLinalg implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TFloat32> a;
  private final Placeholder<TFloat32> b;
  private final Operand<TFloat32> nt;
  private final Operand<TFloat32> tn;
  private final Placeholder<TFloat64> m;
  private final Placeholder<TFloat64> rhs;
  private final Operand<TFloat64> x;
  private final Operand<TFloat64> inverseDiagonal;

  /** A solution X of (M + lambda I) X = B, and diag((M + lambda I)^-1) when asked for. */
  public record Solution(double[] x, double[] inverseDiagonal) {}

  public TfLinalg(int threads) {
    Ops tf = Ops.create(graph);
    a = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
    b = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
    nt = tf.linalg.matMul(a, b, MatMul.transposeB(true));
    tn = tf.linalg.matMul(a, b, MatMul.transposeA(true));
    m = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1, -1)));
    rhs = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1, -1)));
    Operand<TFloat64> l = tf.linalg.cholesky(m);
    Operand<TFloat64> y = tf.linalg.triangularSolve(l, rhs, TriangularSolve.lower(true));
    x = tf.linalg.triangularSolve(l, y, TriangularSolve.lower(true), TriangularSolve.adjoint(true));
    // (M^-1)_jj = sum_i (L^-1)_ij^2, since M^-1 = L^-T L^-1.
    Operand<TInt32> n = tf.squeeze(tf.slice(tf.shape(m), tf.constant(new int[] {0}), tf.constant(new int[] {1})));
    Operand<TFloat64> eye = tf.oneHot(tf.range(tf.constant(0), n, tf.constant(1)), n, tf.constant(1.0), tf.constant(0.0));
    Operand<TFloat64> linv = tf.linalg.triangularSolve(l, eye, TriangularSolve.lower(true));
    inverseDiagonal = tf.reduceSum(tf.math.square(linv), tf.constant(0), ReduceSum.keepDims(false));
    session = Sessions.open(graph, threads);
  }

  /** a [rows, n] times b [cols, n] transposed: [rows, cols]. */
  public float[] matmulNT(float[] av, int rows, float[] bv, int cols, int n) {
    return product(nt, av, rows, n, bv, cols, n, (long) rows * cols);
  }

  /** a [rows, n] times the resident tensor b [cols, n] transposed: [rows, cols] (b is not copied). */
  public float[] matmulNT(float[] av, int rows, int n, TFloat32 b) {
    long cols = b.shape().get(0);
    try (TFloat32 ta = TFloat32.tensorOf(Shape.of(rows, n), DataBuffers.of(av, true, false).narrow((long) rows * n));
        Result r = session.runner().feed(a, ta).feed(this.b, b).fetch(nt).run()) {
      float[] out = new float[Math.toIntExact(rows * cols)];
      r.get(0).asRawTensor().data().asFloats().read(out);
      return out;
    }
  }

  /** A tensor [rows, cols] holding a copy of {@code v}, to pass repeatedly to {@link #matmulNT}. */
  public static TFloat32 resident(float[] v, int rows, int cols) {
    return TFloat32.tensorOf(Shape.of(rows, cols), DataBuffers.of(v, true, false).narrow((long) rows * cols));
  }

  /**
   * A tensor [rows.length, cols] holding a copy of {@code rows} (one array per row, so that the
   * whole may exceed a Java array's 2^31 elements), to pass repeatedly to {@link #matmulNT}.
   */
  public static TFloat32 resident(float[][] rows, int cols) {
    TFloat32 t = TFloat32.tensorOf(Shape.of(rows.length, cols));
    org.tensorflow.ndarray.buffer.FloatDataBuffer data = t.asRawTensor().data().asFloats();
    for (int r = 0; r < rows.length; r++) {
      data.offset((long) r * cols).write(rows[r], 0, cols);
    }
    return t;
  }

  /** a [n, rows] transposed times b [n, cols]: [rows, cols]. */
  public float[] matmulTN(float[] av, int n, int rows, float[] bv, int cols) {
    return product(tn, av, n, rows, bv, n, cols, (long) rows * cols);
  }

  private float[] product(Operand<TFloat32> op, float[] av, int ar, int ac, float[] bv, int br, int bc, long size) {
    try (TFloat32 ta = TFloat32.tensorOf(Shape.of(ar, ac), DataBuffers.of(av, true, false).narrow((long) ar * ac));
        TFloat32 tb = TFloat32.tensorOf(Shape.of(br, bc), DataBuffers.of(bv, true, false).narrow((long) br * bc));
        Result r = session.runner().feed(a, ta).feed(b, tb).fetch(op).run()) {
      float[] out = new float[Math.toIntExact(size)];
      r.get(0).asRawTensor().data().asFloats().read(out);
      return out;
    }
  }

  /**
   * Solves (M + lambda I) X = B for a symmetric positive semi-definite M [n, n] (row-major) and
   * lambda > 0, B [n, cols]; with {@code wantInverseDiagonal}, also diag((M + lambda I)^-1).
   *
   * @throws IllegalStateException if the factorisation fails (M + lambda I not positive definite)
   */
  public Solution solve(double[] mv, int n, double lambda, double[] bv, int cols, boolean wantInverseDiagonal) {
    double[] shifted = mv.clone();
    for (int i = 0; i < n; i++) {
      shifted[i * n + i] += lambda;
    }
    try (TFloat64 tm = TFloat64.tensorOf(Shape.of(n, n), DataBuffers.of(shifted, true, false));
        TFloat64 tb = TFloat64.tensorOf(Shape.of(n, cols), DataBuffers.of(bv, true, false))) {
      Session.Runner r = session.runner().feed(m, tm).feed(rhs, tb).fetch(x);
      if (wantInverseDiagonal) {
        r.fetch(inverseDiagonal);
      }
      try (Result res = r.run()) {
        double[] xs = new double[n * cols];
        res.get(0).asRawTensor().data().asDoubles().read(xs);
        double[] diag = null;
        if (wantInverseDiagonal) {
          diag = new double[n];
          res.get(1).asRawTensor().data().asDoubles().read(diag);
        }
        return new Solution(xs, diag);
      }
    } catch (org.tensorflow.exceptions.TensorFlowException e) {
      throw new IllegalStateException("ridge system with lambda " + lambda + " is not positive definite: "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
