package org.tdabench.models;

import java.util.ArrayList;
import java.util.List;
import org.tdabench.models.edm.EdmGraph;
import org.tdabench.models.graph.TiledWeights;
import org.tdabench.models.graph.Tensors;
import org.tdabench.models.nn.DitEdmNetwork;
import org.tdabench.models.nn.Weights;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Per-sample gradient features: for each sample, the gradient of an {@link OutputFunction} with
 * respect to a parameter subset, averaged over G probes (each optionally unit-normalised), then
 * optionally projected. The batched path reads the subset through per-sample weight copies
 * ({@link TiledWeights}) so that one backward pass yields every sample's gradient; the naive path
 * runs one backward pass per (sample, probe) and exists to measure the speed-up and as an oracle.
 *
 * <p>Without per-probe normalisation the G probes of a sample share one weight copy (a group), so
 * the batched products sum their gradients in the contraction and only n gradients of the subset
 * are formed, not n G; per-probe normalisation needs each probe's gradient, so there every (sample,
 * probe) gets its own copy.
 */
public final class GradientFunction {
  private final DitEdmModel m;
  private final GradientSpec gs;
  private final List<String> names;
  private final int n;
  private final int g;
  private final boolean grouped;
  private final int dim;
  private final ModelInputs in;
  private final Placeholder<TFloat32> sigma;
  private final Placeholder<TFloat32> eps;
  private final Operand<TFloat32> features;
  /** The projection blocks' seeds [blocks, 2], fed at every run (constants would be folded). */
  private Placeholder<TInt64> seedFeed;
  private long[] seedTable;

  GradientFunction(DitEdmModel m, GradientSpec gs) {
    this.m = m;
    this.gs = gs;
    this.names = gs.params() == null ? m.params().select(s -> true) : gs.params();
    for (String name : names) {
      m.params().get(name);
    }
    this.n = gs.batched() ? gs.batch() : 1;
    this.g = gs.batched() ? gs.probesPerSample() : 1;
    this.grouped = gs.batched() && g > 1 && !gs.normalizePerProbe();
    long p = m.params().count(names);
    if (!gs.projected() && p > Integer.MAX_VALUE / Math.max(1, n)) {
      throw new IllegalArgumentException("unprojected gradients of " + p + " parameters do not fit; project them");
    }
    this.dim = gs.projected() ? gs.projectionDim() : (int) p;
    ModelSpec spec = m.spec();
    int b = n * g;
    Ops tf = m.tf().withSubScope("grad_" + Integer.toHexString(gs.hashCode()) + "_" + System.identityHashCode(this));
    this.in = new ModelInputs(tf, spec, n, false);
    long[] img = spec.imageShape(b);
    int h = spec.arch().imageHeight();
    int w = spec.arch().imageWidth();
    int c = spec.arch().imageChannels();
    sigma = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(b)));
    eps = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(img)));
    Operand<TFloat32> xRep = tf.reshape(tf.tile(tf.reshape(in.x, tf.constant(new long[] {n, 1, h, w, c})),
        tf.constant(new long[] {1, g, 1, 1, 1})), tf.constant(img));
    Operand<TFloat32> yRep = null;
    if (in.y != null) {
      int d = spec.condDim();
      yRep = tf.reshape(tf.tile(tf.reshape(in.y, tf.constant(new long[] {n, 1, d})),
          tf.constant(new long[] {1, g, 1})), tf.constant(new long[] {b, d}));
    }
    Operand<TFloat32> s4 = tf.reshape(sigma, tf.constant(new long[] {b, 1, 1, 1}));
    Operand<TFloat32> noisy = tf.math.add(xRep, tf.math.mul(s4, eps));

    Weights weights;
    List<Operand<TFloat32>> sources = new ArrayList<>();
    if (gs.batched()) {
      TiledWeights tw = grouped ? new TiledWeights(tf, m.variables(), names, n, g)
          : new TiledWeights(tf, m.variables(), names, b);
      weights = tw;
      sources.addAll(tw.copies().values());
    } else {
      weights = m.sharedWeights();
      for (String name : names) {
        sources.add(m.variables().get(name));
      }
    }
    EdmGraph edm = m.edm();
    Operand<TInt32> aug = tf.zeros(tf.constant(new long[] {b}), TInt32.class);
    EdmGraph.Denoised den = edm.denoise(tf, b, weights, noisy, sigma, yRep, aug, DitEdmNetwork.Options.eval());
    int[] pix = {1, 2, 3};
    Operand<TFloat32> out = switch (gs.output()) {
      case LOSS -> edm.perSampleLoss(tf, den.d(), xRep, sigma);
      case SQUARED_OUTPUT -> tf.math.mean(tf.math.square(den.f()), tf.constant(pix));
      case MEAN_OUTPUT -> tf.math.mean(den.f(), tf.constant(pix));
      case SQUARED_EPS -> tf.math.mean(tf.math.square(tf.math.div(tf.math.sub(noisy, den.d()), s4)), tf.constant(pix));
    };
    Operand<TFloat32> total = tf.reduceSum(out, tf.constant(0));
    Gradients grads = tf.gradients(total, sources);

    // Gradient blocks [rows, size_i]: per sample summed over its probes (grouped), else per
    // (sample, probe).
    List<Operand<TFloat32>> blocks = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      long size = m.params().get(names.get(i)).size();
      Operand<TFloat32> blk = tf.reshape(grads.<TFloat32>dy(i), tf.constant(new long[] {grouped ? n : b, size}));
      blocks.add(grouped ? tf.math.mul(blk, tf.constant(1f / g)) : blk);
    }
    if (gs.normalizePerProbe()) {
      // g / (||g|| + 1e-8) over the whole subset, per (sample, probe) (DAS, ReTrac).
      List<Operand<TFloat32>> sq = new ArrayList<>();
      for (Operand<TFloat32> blk : blocks) {
        sq.add(tf.reduceSum(tf.math.square(blk), tf.constant(1), org.tensorflow.op.core.ReduceSum.keepDims(true)));
      }
      Operand<TFloat32> norm = tf.math.sqrt(tf.math.addN(sq));
      Operand<TFloat32> inv = tf.math.div(tf.constant(1f), tf.math.add(norm, tf.constant(1e-8f)));
      blocks.replaceAll(blk -> tf.math.mul(blk, inv));
    }
    if (g > 1 && !grouped) {
      List<Operand<TFloat32>> mean = new ArrayList<>();
      for (int i = 0; i < blocks.size(); i++) {
        long size = m.params().get(names.get(i)).size();
        Operand<TFloat32> r = tf.reshape(blocks.get(i), tf.constant(new long[] {n, g, size}));
        mean.add(tf.math.mean(r, tf.constant(1)));
      }
      blocks = mean;
    }
    this.features = gs.projected() ? project(tf, blocks)
        : blocks.size() == 1 ? blocks.get(0) : tf.concat(blocks, tf.constant(1));
  }

  /**
   * phi = sum over the blocks of {@link ProjectionBlocks} of g_block P_block, each P_block
   * generated in-graph at every run (cheap only for small subsets or few runs; the chunked
   * projectors of the methods amortise the generation over many samples). Each block's generation
   * waits for the previous block's product, so that one block of P is alive at a time rather than
   * all of them (the blocks are independent, and an executor may otherwise generate them first).
   */
  private Operand<TFloat32> project(Ops tf, List<Operand<TFloat32>> blocks) {
    int k = gs.projectionDim();
    List<ProjectionBlocks.Block> layout = ProjectionBlocks.of(m.params(), names, k, gs.projectionSeed());
    // Seeds are fed, not constants: with constant shape and seed, grappler's constant folding would
    // generate every block at optimisation time and keep all of P in the graph.
    seedTable = new long[2 * layout.size()];
    seedFeed = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(layout.size(), 2)));
    Operand<TFloat32> sum = null;
    org.tensorflow.op.Op last = null;
    for (int j = 0; j < layout.size(); j++) {
      ProjectionBlocks.Block blk = layout.get(j);
      seedTable[2 * j] = blk.seed()[0];
      seedTable[2 * j + 1] = blk.seed()[1];
      Operand<TFloat32> grad = blocks.get(names.indexOf(blk.tensor()));
      Operand<TFloat32> slice = tf.slice(grad, tf.constant(new long[] {0, blk.start()}),
          tf.constant(new long[] {n, blk.rows()}));
      Ops after = last == null ? tf : tf.withControlDependencies(List.of(last));
      Operand<TInt64> seed = tf.reshape(tf.slice(seedFeed, tf.constant(new int[] {j, 0}), tf.constant(new int[] {1, 2})),
          tf.constant(new long[] {2}));
      Operand<TFloat32> proj = after.random.statelessRandomNormal(tf.constant(new long[] {blk.rows(), k}), seed,
          TFloat32.class);
      org.tensorflow.op.linalg.MatMul<TFloat32> part = tf.linalg.matMul(slice, proj);
      last = part;
      sum = sum == null ? part : tf.math.add(sum, part);
    }
    return sum;
  }

  /** Feature dimension: the projection dimension, or the subset's parameter count. */
  public int dim() {
    return dim;
  }

  public GradientSpec spec() {
    return gs;
  }

  /** The parameter names, in the order of the (unprojected) feature layout. */
  public List<String> parameterNames() {
    return names;
  }

  /**
   * Features of {@code count} samples: images {@code x} (flat NHWC), conditions {@code y} (null if
   * unconditional), and G = probesPerSample probes per sample in {@code sigma} [count * G] and
   * {@code eps} [count * G * imageSize] (sample-major). Returns [count][dim], row-major.
   */
  public float[] compute(float[] x, float[] y, float[] sigma, float[] epsIn, int count) {
    int d = m.spec().imageSize();
    int gp = gs.probesPerSample();
    Batching.checkLength("x", x, (long) count * d);
    Batching.checkLength("sigma", sigma, (long) count * gp);
    Batching.checkLength("eps", epsIn, (long) count * gp * d);
    float[] out = new float[count * dim];
    if (gs.batched()) {
      for (int start = 0; start < count; start += n) {
        int c = Math.min(n, count - start);
        float[] sig = Batching.chunk(sigma, start, c, gp, n);
        float[] e = Batching.chunk(epsIn, start, c, gp * d, n);
        float[] f = run(x, y, start, c, sig, e);
        System.arraycopy(f, 0, out, start * dim, c * dim);
      }
    } else {
      // One backward pass per (sample, probe); projection is linear, so averaging after it is exact.
      float[] one = new float[1];
      float[] e = new float[d];
      for (int i = 0; i < count; i++) {
        for (int p = 0; p < gp; p++) {
          one[0] = sigma[i * gp + p];
          System.arraycopy(epsIn, (i * gp + p) * d, e, 0, d);
          float[] f = run(x, y, i, 1, one, e);
          for (int j = 0; j < dim; j++) {
            out[i * dim + j] += f[j] / gp;
          }
        }
      }
    }
    return out;
  }

  private float[] run(float[] x, float[] y, int start, int count, float[] sig, float[] e) {
    List<Tensor> open = ModelInputs.openList();
    Session.Runner r = m.session().runner();
    try {
      in.feed(r, open, x, y, null, null, start, count);
      TFloat32 ts = Tensors.f32(sig, n * g);
      TFloat32 te = Tensors.f32(e, m.spec().imageShape((long) n * g));
      open.add(ts);
      open.add(te);
      r.feed(sigma, ts).feed(eps, te);
      if (seedFeed != null) {
        TInt64 seeds = TInt64.tensorOf(Shape.of(seedTable.length / 2, 2), org.tensorflow.ndarray.buffer.DataBuffers.of(seedTable, true, false));
        open.add(seeds);
        r.feed(seedFeed, seeds);
      }
      try (Result res = r.fetch(features).run()) {
        return Tensors.read(res.get(0));
      }
    } finally {
      ModelInputs.closeAll(open);
    }
  }
}
