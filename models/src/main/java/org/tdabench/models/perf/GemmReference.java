package org.tdabench.models.perf;

import org.tdabench.core.CounterRng;
import org.tdabench.models.graph.Sessions;
import org.tdabench.models.graph.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The machine's fp32 matrix-multiply throughput measured through TensorFlow with the same thread
 * count as the work it is compared with: square n x n products on constants, fetching only a
 * scalar so that no copy is timed.
 */
public final class GemmReference {
  private GemmReference() {}

  /**
   * GEMM throughput two ways: the best of the timed runs (wall clock) and all runs per process CPU
   * second (what the products cost whatever other processes do with the machine).
   */
  public record Figures(double gflops, double cpuGflops) {}

  /** GFLOP/s of the best of {@code repeats} timed runs of {@code inner} chained products. */
  public static double gflops(int n, int threads, int repeats) {
    return measure(n, threads, repeats).gflops();
  }

  /** Both figures of {@code repeats} timed runs of chained n x n products. */
  public static Figures measure(int n, int threads, int repeats) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      float[] a = new float[n * n];
      CounterRng r = new CounterRng(1);
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) (r.nextDouble() - 0.5) / n;
      }
      // Variables, not constants: grappler would fold a product of constants away.
      var ma = tf.variable(org.tensorflow.ndarray.Shape.of(n, n), TFloat32.class);
      var mb = tf.variable(org.tensorflow.ndarray.Shape.of(n, n), TFloat32.class);
      var feed = tf.placeholder(TFloat32.class);
      var init = tf.withControlDependencies(java.util.List.of(tf.assign(ma, feed), tf.assign(mb, feed))).noOp();
      int inner = 4;
      Operand<TFloat32> prod = mb;
      for (int i = 0; i < inner; i++) {
        prod = tf.linalg.matMul(ma, prod);
      }
      Operand<TFloat32> out = tf.reduceSum(prod, tf.constant(new int[] {0, 1}));
      try (Session s = Sessions.open(g, threads)) {
        try (TFloat32 ta = Tensors.f32(a, n, n)) {
          s.runner().feed(feed, ta).addTarget(init).run().close();
        }
        s.runner().fetch(out).run().close(); // warm-up
        double best = Double.MAX_VALUE;
        long c0 = PeakMemory.processCpuNanos();
        for (int k = 0; k < repeats; k++) {
          long t0 = System.nanoTime();
          s.runner().fetch(out).run().close();
          best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        double cpu = (PeakMemory.processCpuNanos() - c0) / 1e9;
        double flops = 2.0 * n * n * (double) n * inner;
        return new Figures(flops / best / 1e9, cpu > 0 ? flops * repeats / cpu / 1e9 : Double.NaN);
      }
    }
  }
}
