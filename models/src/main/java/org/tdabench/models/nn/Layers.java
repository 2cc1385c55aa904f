package org.tdabench.models.nn;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Constant;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Graph-building helpers for one batch of static size {@code batch}. Every helper accepts shared
 * or per-sample ({@code [batch / group] + shape}) parameters, chosen by {@link Weights#perSample}
 * and {@link Weights#group}: with a group G > 1, the G consecutive entries of a copy are folded
 * into the rows of its batched product ([B, rows, in] -> [B / G, G rows, in]), so the product's
 * weight gradient already sums over them. Shapes are tracked in Java (static), which keeps
 * stateless random ops differentiable-safe.
 */
final class Layers {
  final Ops tf;
  final int batch;
  final Weights w;
  /**
   * Training mode: dropout active. The batch is split into {@code seeds.size()} equal consecutive
   * streams (one per model of a fleet); stream k draws from {@code seeds.get(k)} plus a per-site
   * offset, so a stream's draws do not depend on the other streams.
   */
  final boolean training;
  final List<Operand<TInt64>> seeds;
  /** Batch entries per per-sample copy, and the number of copies (batch / group). */
  final int group;
  final int copies;
  private int dropoutSite;

  Layers(Ops tf, int batch, Weights w, boolean training, List<Operand<TInt64>> seeds) {
    this.tf = tf;
    this.batch = batch;
    this.w = w;
    this.training = training;
    this.seeds = List.copyOf(seeds);
    if (training && (this.seeds.isEmpty() || batch % this.seeds.size() != 0)) {
      throw new IllegalArgumentException("batch " + batch + " does not split into " + this.seeds.size()
          + " random streams");
    }
    this.group = w.group();
    if (group < 1 || batch % group != 0) {
      throw new IllegalArgumentException("batch " + batch + " is not a multiple of the weight group " + group);
    }
    this.copies = batch / group;
  }

  /**
   * Parameter {@code name} as the element-wise layers read it: shared ({@code shape}) or one copy
   * per batch entry ({@code [batch] + shape}); grouped copies are repeated G times by a gather,
   * whose gradient sums them back. Only for small tensors (biases, norms, embeddings): the matrix
   * products below never expand their weights.
   */
  Operand<TFloat32> param(String name) {
    Operand<TFloat32> p = w.get(name);
    if (group > 1 && w.perSample(name)) {
      int[] idx = new int[batch];
      for (int i = 0; i < batch; i++) {
        idx[i] = i / group;
      }
      p = tf.gather(p, tf.constant(idx), tf.constant(0));
    }
    return p;
  }

  /** [batch, rows, in] (rows = 0: [batch, in]) folded to [copies, group * max(rows, 1), in]. */
  private Operand<TFloat32> fold(Operand<TFloat32> x, long rows, long in) {
    return reshape(x, copies, (long) group * Math.max(rows, 1), in);
  }

  Constant<TFloat32> f(double v) {
    return tf.constant((float) v);
  }

  Operand<TFloat32> reshape(Operand<TFloat32> x, long... shape) {
    return tf.reshape(x, tf.constant(shape));
  }

  Operand<TFloat32> transpose(Operand<TFloat32> x, int... perm) {
    return tf.linalg.transpose(x, tf.constant(perm));
  }

  /**
   * U[0, 1) draws of static shape {@code shape} (leading axis: the batch) for the next random site:
   * stream k's rows come from the seed pair (seed0, seed1 + 1000 + site) of its own seed, drawn by
   * one op of that stream's shape, so a model's draws are the same in a fleet as alone.
   */
  Operand<TFloat32> uniform(long... shape) {
    dropoutSite++;
    Operand<TInt64> offset = tf.constant(new long[] {0, 1000L + dropoutSite});
    long[] part = shape.clone();
    part[0] = shape[0] / seeds.size();
    List<Operand<TFloat32>> draws = new java.util.ArrayList<>();
    for (Operand<TInt64> s : seeds) {
      draws.add(tf.random.statelessRandomUniform(tf.constant(part), tf.math.add(s, offset), TFloat32.class));
    }
    return draws.size() == 1 ? draws.get(0) : tf.concat(draws, tf.constant(0));
  }

  /** Inverted dropout with probability p on a tensor of static shape {@code shape}. */
  Operand<TFloat32> dropout(Operand<TFloat32> x, double p, long... shape) {
    if (!training || p <= 0) {
      return x;
    }
    Operand<TFloat32> u = uniform(shape);
    Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(u, f(p)), TFloat32.class);
    return tf.math.mul(x, tf.math.mul(keep, f(1.0 / (1.0 - p))));
  }

  /**
   * y = x W (+ b) on the last axis. {@code x} is [batch, rows, in] ({@code rows > 0}) or
   * [batch, in] ({@code rows == 0}).
   */
  Operand<TFloat32> linear(Operand<TFloat32> x, String name, boolean bias, long rows, long in, long out) {
    String wn = name + ".weight";
    Operand<TFloat32> y;
    if (w.perSample(wn)) {
      y = copyProduct(fold(x, rows, in), w.get(wn), (long) group * Math.max(rows, 1), in, out);
      y = rows > 0 ? reshape(y, batch, rows, out) : reshape(y, batch, out);
    } else {
      Operand<TFloat32> x2 = rows > 0 ? reshape(x, batch * rows, in) : x;
      y = tf.linalg.matMul(x2, w.get(wn));
      if (rows > 0) {
        y = reshape(y, batch, rows, out);
      }
    }
    if (bias) {
      y = addBias(y, name + ".bias", rows > 0 ? 3 : 2, out);
    }
    return y;
  }

  /** TensorFlow's CPU BatchMatMul runs small products of a batch > 1 sequentially (128 x 128 multiply-adds). */
  static final long BATCH_MATMUL_SMALL_COST = 128 * 128;

  /**
   * The per-copy product [copies, m, k] x [copies, k, n]. TensorFlow's CPU BatchMatMul computes a
   * batch of one (or products above {@link #BATCH_MATMUL_SMALL_COST}) with its threaded tensor
   * contraction, but a batch of small products with a sequential kernel whose bits differ. Where
   * the weights ask for results independent of the number of copies (a model must compute the same
   * bits in a fleet of any size), such small products are taken copy by copy with MatMul, the kernel
   * a batch of one uses; they are tiny, so the extra ops cost little.
   */
  Operand<TFloat32> copyProduct(Operand<TFloat32> x, Operand<TFloat32> wt, long m, long k, long n) {
    boolean small = Math.min(m, Math.min(k, n)) > 1 && m * k * n <= BATCH_MATMUL_SMALL_COST;
    if (copies == 1 || !small || !w.copyCountInvariant()) {
      return tf.train.batchMatMul(x, wt, TFloat32.class);
    }
    List<org.tensorflow.Output<TFloat32>> xs = tf.unstack(x, (long) copies).output();
    List<org.tensorflow.Output<TFloat32>> ws = tf.unstack(wt, (long) copies).output();
    List<Operand<TFloat32>> ys = new java.util.ArrayList<>();
    for (int c = 0; c < copies; c++) {
      ys.add(tf.linalg.matMul(xs.get(c), ws.get(c)));
    }
    return tf.stack(ys);
  }

  /** Adds a bias of length {@code out} over the last axis of a rank-{@code rank} tensor. */
  Operand<TFloat32> addBias(Operand<TFloat32> y, String name, int rank, long out) {
    Operand<TFloat32> b = param(name);
    if (w.perSample(name)) {
      long[] shape = new long[rank];
      Arrays.fill(shape, 1);
      shape[0] = batch;
      shape[rank - 1] = out;
      b = reshape(b, shape);
    }
    return tf.math.add(y, b);
  }

  /** Per-channel scale and shift (affine norms) on an NHWC tensor. */
  Operand<TFloat32> channelAffine(Operand<TFloat32> x, String name, long channels) {
    Operand<TFloat32> g = param(name + ".weight");
    Operand<TFloat32> b = param(name + ".bias");
    if (w.perSample(name + ".weight")) {
      g = reshape(g, batch, 1, 1, channels);
    }
    if (w.perSample(name + ".bias")) {
      b = reshape(b, batch, 1, 1, channels);
    }
    return tf.math.add(tf.math.mul(x, g), b);
  }

  /** InstanceNorm2d(affine, eps 1e-5): per-sample, per-channel statistics over H and W. */
  Operand<TFloat32> instanceNorm(Operand<TFloat32> x, String name, long channels) {
    Operand<TFloat32> mean = tf.math.mean(x, tf.constant(new int[] {1, 2}), org.tensorflow.op.math.Mean.keepDims(true));
    Operand<TFloat32> d = tf.math.sub(x, mean);
    Operand<TFloat32> var = tf.math.mean(tf.math.square(d), tf.constant(new int[] {1, 2}), org.tensorflow.op.math.Mean.keepDims(true));
    Operand<TFloat32> xhat = tf.math.mul(d, tf.math.rsqrt(tf.math.add(var, f(1e-5))));
    return channelAffine(xhat, name, channels);
  }

  /** LayerNorm without affine parameters (eps 1e-6) over the last axis. */
  Operand<TFloat32> layerNorm(Operand<TFloat32> x) {
    int last = -1;
    Operand<TFloat32> mean = tf.math.mean(x, tf.constant(last), org.tensorflow.op.math.Mean.keepDims(true));
    Operand<TFloat32> d = tf.math.sub(x, mean);
    Operand<TFloat32> var = tf.math.mean(tf.math.square(d), tf.constant(last), org.tensorflow.op.math.Mean.keepDims(true));
    return tf.math.mul(d, tf.math.rsqrt(tf.math.add(var, f(1e-6))));
  }

  Operand<TFloat32> silu(Operand<TFloat32> x) {
    return tf.math.mul(x, tf.math.sigmoid(x));
  }

  /** GELU, tanh approximation: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
  Operand<TFloat32> geluTanh(Operand<TFloat32> x) {
    Operand<TFloat32> x3 = tf.math.mul(tf.math.square(x), x);
    Operand<TFloat32> inner = tf.math.mul(f(Math.sqrt(2.0 / Math.PI)), tf.math.add(x, tf.math.mul(f(0.044715), x3)));
    return tf.math.mul(tf.math.mul(f(0.5), x), tf.math.add(f(1.0), tf.math.tanh(inner)));
  }

  /**
   * Conv with kernel = stride = r (patch embedding, down-sampling convs), as space-to-depth then a
   * matrix product; weight [r, r, in, out] (HWIO), so the flattened patch order matches.
   */
  Operand<TFloat32> patchConv(Operand<TFloat32> x, String name, long h, long wd, long in, long out, int r) {
    long gh = h / r;
    long gw = wd / r;
    Operand<TFloat32> p = x;
    if (r > 1) {
      p = reshape(x, batch, gh, r, gw, r, in);
      p = transpose(p, 0, 1, 3, 2, 4, 5);
    }
    p = reshape(p, batch, gh * gw, (long) r * r * in);
    Operand<TFloat32> wt = w.get(name + ".weight");
    long k = (long) r * r * in;
    Operand<TFloat32> y;
    if (w.perSample(name + ".weight")) {
      y = reshape(copyProduct(fold(p, gh * gw, k), reshape(wt, copies, k, out), group * gh * gw, k, out),
          batch, gh * gw, out);
    } else {
      y = reshape(tf.linalg.matMul(reshape(p, batch * gh * gw, k), reshape(wt, k, out)), batch, gh * gw, out);
    }
    y = addBias(y, name + ".bias", 3, out);
    return reshape(y, batch, gh, gw, out);
  }

  /** Transposed conv with kernel = stride = r; weight [in, r, r, out]. */
  Operand<TFloat32> patchConvTranspose(Operand<TFloat32> x, String name, long h, long wd, long in, long out, int r) {
    Operand<TFloat32> p = reshape(x, batch, h * wd, in);
    Operand<TFloat32> wt = w.get(name + ".weight");
    long k = (long) r * r * out;
    Operand<TFloat32> y;
    if (w.perSample(name + ".weight")) {
      y = copyProduct(fold(p, h * wd, in), reshape(wt, copies, in, k), group * h * wd, in, k);
    } else {
      y = tf.linalg.matMul(reshape(p, batch * h * wd, in), reshape(wt, in, k));
    }
    if (r > 1) {
      y = reshape(y, batch, h, wd, r, r, out);
      y = transpose(y, 0, 1, 3, 2, 4, 5);
    }
    y = reshape(y, batch, h * r, wd * r, out);
    return addBias(y, name + ".bias", 4, out);
  }

  /**
   * A k x k "same" conv (stride 1, zero padding k/2); weight [k, k, in, out]. Shared weights use
   * Conv2D; per-sample weights use {@link ShiftedConv} (one batched product, then k x k shifted
   * slices summed).
   */
  Operand<TFloat32> sameConv(Operand<TFloat32> x, String name, long h, long wd, long in, long out, int k) {
    String wn = name + ".weight";
    Operand<TFloat32> y = w.perSample(wn) ? ShiftedConv.build(this, x, w.get(wn), h, wd, in, out, k)
        : tf.nn.conv2d(x, w.get(wn), List.of(1L, 1L, 1L, 1L), "SAME");
    return addBias(y, name + ".bias", 4, out);
  }

  /**
   * A sum as a tree of AddN ops with at most three inputs each. The C++ gradient builder visits a
   * node's inputs in its in-edge order, which TensorFlow keeps only for nodes with at most four
   * in-edges (more live in a hash set); a wide node would make the order in which gradients are
   * summed, and so their last bits, vary from run to run.
   */
  Operand<TFloat32> addTree(List<Operand<TFloat32>> parts) {
    List<Operand<TFloat32>> level = parts;
    while (level.size() > 1) {
      List<Operand<TFloat32>> next = new java.util.ArrayList<>();
      for (int i = 0; i < level.size(); i += 3) {
        List<Operand<TFloat32>> group = level.subList(i, Math.min(i + 3, level.size()));
        next.add(group.size() == 1 ? group.get(0) : tf.math.addN(group));
      }
      level = next;
    }
    return level.get(0);
  }

  @SuppressWarnings("unchecked")
  static Operand<TFloat32>[] newArray(int n) {
    return (Operand<TFloat32>[]) new Operand<?>[n];
  }

  static BatchMatMul.Options adjY() {
    return BatchMatMul.adjY(true);
  }

  static MatMul.Options transposeB() {
    return MatMul.transposeB(true);
  }
}
