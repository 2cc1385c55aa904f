package org.tdabench.methods.gradient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.models.ProjectionBlocks;
import org.tdabench.models.graph.Sessions;
import org.tdabench.models.graph.Tensors;
import org.tdabench.models.nn.ParamTable;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The dense Gaussian projection phi = P^T g of {@link ProjectionBlocks} (the same P as the model's
 * in-graph projection), applied to a chunk of up to {@code capacity} gradient rows at a time.
 *
 * <p>Why chunks: on a CPU, generating a block of P (Philox + Box-Muller) costs far more per
 * element than multiplying it with a few dozen rows, so a projection run per gradient batch is
 * dominated by regenerating P. Rows are buffered (native memory, block-major) until the chunk is
 * full, and each block of P is generated once per chunk and multiplied with every buffered row;
 * blocks that fit the cache budget are generated once into graph variables and reused by every
 * later chunk. Memory: capacity x p floats of rows, capacity x k of sums, plus the cache.
 */
public final class GaussianProjector implements AutoCloseable {
  private final int k;
  private final int capacity;
  private final long p;
  private final List<ProjectionBlocks.Block> blocks;
  private final Graph graph = new Graph();
  private final Ops tf;
  private final Session session;
  private final Variable<TFloat32> acc;
  private final Op zero;
  private final Placeholder<TInt64> seed;
  private final Placeholder<TInt64> used;
  private final Map<Integer, Placeholder<TFloat32>> rowsFeed = new HashMap<>();
  private final Map<Integer, Op> generated = new HashMap<>();
  private final Map<Integer, Operand<TFloat32>> generateOnly = new HashMap<>();
  private final Op[] cached;
  private final TFloat32[] buffers;
  private final FloatDataBuffer[] views;
  private int pending;
  private double seconds;
  private double flops;

  /**
   * @param table the model's parameters and {@code names} the projected subset, in gradient order
   * @param k projection dimension
   * @param projectionSeed the seed of P
   * @param capacity rows per chunk
   * @param cacheBytes budget for blocks of P kept in graph variables (0 = regenerate every chunk)
   * @param threads TensorFlow intra-op threads
   */
  public GaussianProjector(ParamTable table, List<String> names, int k, long projectionSeed, int capacity,
      long cacheBytes, int threads) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1");
    }
    this.k = k;
    this.capacity = capacity;
    this.p = table.count(names);
    this.blocks = ProjectionBlocks.of(table, names, k, projectionSeed);
    this.tf = Ops.create(graph);
    this.acc = tf.withName("acc").variable(Shape.of(capacity, k), TFloat32.class);
    this.zero = tf.assign(acc, tf.zeros(tf.constant(new long[] {capacity, k}), TFloat32.class));
    this.seed = tf.withName("seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
    this.used = tf.withName("used").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    this.buffers = new TFloat32[blocks.size()];
    this.views = new FloatDataBuffer[blocks.size()];
    this.cached = new Op[blocks.size()];
    long cacheLeft = cacheBytes;
    List<Op> fills = new ArrayList<>();
    List<long[]> fillSeeds = new ArrayList<>();
    for (int b = 0; b < blocks.size(); b++) {
      ProjectionBlocks.Block blk = blocks.get(b);
      buffers[b] = TFloat32.tensorOf(Shape.of(capacity, blk.rows()));
      views[b] = buffers[b].asRawTensor().data().asFloats();
      long bytes = 4L * blk.rows() * k;
      if (bytes <= cacheLeft) {
        cacheLeft -= bytes;
        Variable<TFloat32> v = tf.variable(Shape.of(blk.rows(), k), TFloat32.class);
        // The seed is fed, not a constant: grappler would fold a constant-seeded block into the graph.
        fills.add(tf.assign(v, normal(blk.rows(), seed)));
        fillSeeds.add(blk.seed());
        cached[b] = accumulate(rows(blk.rows()), v);
      } else if (!generated.containsKey(blk.rows())) {
        Operand<TFloat32> pb = normal(blk.rows(), seed);
        generated.put(blk.rows(), accumulate(rows(blk.rows()), pb));
        generateOnly.put(blk.rows(), tf.reduceSum(pb, tf.constant(new int[] {0, 1})));
      }
    }
    this.session = Sessions.open(graph, threads);
    session.runner().addTarget(zero).run().close();
    for (int i = 0; i < fills.size(); i++) {
      try (TInt64 s = TInt64.vectorOf(fillSeeds.get(i))) {
        session.runner().feed(seed, s).addTarget(fills.get(i)).run().close();
      }
    }
  }

  private Operand<TFloat32> normal(int rows, Operand<TInt64> s) {
    return tf.random.statelessRandomNormal(tf.constant(new long[] {rows, k}), s, TFloat32.class);
  }

  private Placeholder<TFloat32> rows(int r) {
    return rowsFeed.computeIfAbsent(r, key -> tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(capacity, key))));
  }

  /** acc[0:used] += G[0:used] P_block (only the buffered rows are multiplied). */
  private Op accumulate(Placeholder<TFloat32> g, Operand<TFloat32> pb) {
    Operand<TInt64> size = tf.stack(List.of(used, tf.constant(-1L)));
    Operand<TFloat32> part = tf.linalg.matMul(tf.slice(g, tf.constant(new long[] {0, 0}), size), pb);
    return tf.scatterAdd(acc, tf.range(tf.constant(0L), used, tf.constant(1L)), part);
  }

  public int dim() {
    return k;
  }

  public int capacity() {
    return capacity;
  }

  /** Rows buffered and not yet projected. */
  public int pending() {
    return pending;
  }

  /** Blocks of P held in graph variables. */
  public int cachedBlocks() {
    int c = 0;
    for (Op op : cached) {
      c += op == null ? 0 : 1;
    }
    return c;
  }

  public int blocks() {
    return blocks.size();
  }

  /** Buffers {@code count} rows of length p from {@code grads[offset..]}; at most the free space. */
  public void add(float[] grads, int offset, int count) {
    if (pending + count > capacity) {
      throw new IllegalStateException("chunk holds " + pending + " of " + capacity + " rows; cannot add " + count);
    }
    for (int r = 0; r < count; r++) {
      int base = offset + (int) (r * p);
      for (int b = 0; b < blocks.size(); b++) {
        ProjectionBlocks.Block blk = blocks.get(b);
        views[b].offset((long) (pending + r) * blk.rows()).write(grads, base + (int) blk.offset(), blk.rows());
      }
    }
    pending += count;
  }

  /** Projects the buffered rows: [pending][k], row-major; the chunk is then empty. */
  public float[] flush() {
    if (pending == 0) {
      return new float[0];
    }
    long t0 = System.nanoTime();
    try (TInt64 u = TInt64.scalarOf(pending)) {
      for (int b = 0; b < blocks.size(); b++) {
        ProjectionBlocks.Block blk = blocks.get(b);
        Session.Runner r = session.runner().feed(rowsFeed.get(blk.rows()), buffers[b]).feed(used, u);
        if (cached[b] != null) {
          r.addTarget(cached[b]).run().close();
        } else {
          try (TInt64 s = TInt64.vectorOf(blk.seed())) {
            r.feed(seed, s).addTarget(generated.get(blk.rows())).run().close();
          }
        }
      }
    }
    float[] out = new float[pending * k];
    try (Result res = session.runner().fetch(acc).run()) {
      res.get(0).asRawTensor().data().asFloats().read(out, 0, out.length);
    }
    session.runner().addTarget(zero).run().close();
    seconds += (System.nanoTime() - t0) / 1e9;
    flops += 2.0 * pending * p * k;
    pending = 0;
    return out;
  }

  /** Seconds spent in {@link #flush} so far, and the multiply-add FLOPs (2 m p k) done there. */
  public double seconds() {
    return seconds;
  }

  public double flops() {
    return flops;
  }

  /**
   * Seconds to generate every non-cached block of P once without using it (the generation share
   * of a flush), timed on at most {@code maxBlocks} blocks and scaled by elements.
   */
  public double generationSeconds(int maxBlocks) {
    long timed = 0;
    long total = 0;
    long t0 = System.nanoTime();
    for (int b = 0; b < blocks.size(); b++) {
      if (cached[b] != null) {
        continue;
      }
      ProjectionBlocks.Block blk = blocks.get(b);
      long elements = (long) blk.rows() * k;
      total += elements;
      if (maxBlocks-- > 0) {
        timed += elements;
        try (TInt64 s = TInt64.vectorOf(blk.seed());
            Result r = session.runner().feed(seed, s).fetch(generateOnly.get(blk.rows())).run()) {
          Tensors.readScalar(r.get(0));
        }
      }
    }
    double sec = (System.nanoTime() - t0) / 1e9;
    return timed == 0 ? 0 : sec * total / timed;
  }

  @Override
  public void close() {
    for (TFloat32 t : buffers) {
      if (t != null) {
        t.close();
      }
    }
    session.close();
    graph.close();
  }
}
