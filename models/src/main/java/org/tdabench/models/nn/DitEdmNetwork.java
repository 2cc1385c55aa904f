package org.tdabench.models.nn;

import java.util.List;
import org.tdabench.models.config.DitEdmConfig;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Builds the raw network output F(c_in x, c_noise, y, a) of the DiT-EDM model for one batch of
 * static size, following the reference's module semantics (sony/mucs): ConvBlock2d
 * front end, patch embedding + 2-D sin-cos positions, prepended register tokens, sigma Fourier +
 * condition MLP + augmentation-flag embeddings summed into c, DiT blocks with gate-first adaLN,
 * final adaLN layer, transposed-conv unpatchify, decoder and the bias-free {@code last} map.
 */
public final class DitEdmNetwork {
  private final DitEdmConfig cfg;
  private final float[] positions;
  private final float[] frequencies;

  public DitEdmNetwork(DitEdmConfig cfg) {
    this.cfg = cfg.validate();
    this.positions = SinCosPositions.table(cfg.width(), cfg.gridHeight(), cfg.gridWidth());
    this.frequencies = sigmaFrequencies(cfg.fourierFeatures() / 2);
  }

  public DitEdmConfig config() {
    return cfg;
  }

  /** What one forward pass reads. */
  public record Inputs(
      Operand<TFloat32> xIn, Operand<TFloat32> cNoise, Operand<TFloat32> y, Operand<TInt32> aug) {}

  /**
   * Options of one forward pass.
   *
   * @param training dropout and condition dropout active
   * @param seeds int64[2] seeds of every random draw in this pass (dropout, condition dropout): the
   *     batch is split into {@code seeds.size()} equal consecutive streams, one per model of a fleet
   * @param condDropout probability of the null condition in training
   */
  public record Options(boolean training, List<Operand<TInt64>> seeds, double condDropout) {
    public Options {
      seeds = List.copyOf(seeds);
    }

    /** One random stream for the whole batch. */
    public Options(boolean training, Operand<TInt64> seed, double condDropout) {
      this(training, seed == null ? List.of() : List.of(seed), condDropout);
    }

    public static Options eval() {
      return new Options(false, List.of(), 0);
    }
  }

  /** The forward pass's output F [B, H, W, C] and the mean patch token [B, width] (features). */
  public record Output(Operand<TFloat32> f, Operand<TFloat32> features) {}

  /** Builds F for a batch of {@code batch} samples. */
  public Output build(Ops tf, int batch, Weights w, Inputs in, Options opt) {
    Layers l = new Layers(tf, batch, w, opt.training(), opt.seeds());
    DitEdmConfig c = cfg;
    int[] ch = c.frontendChannels();
    int[] rs = c.frontendResample();

    // Encoder.
    Operand<TFloat32> x = in.xIn();
    long h = c.imageHeight();
    long wd = c.imageWidth();
    long inCh = c.imageChannels();
    for (int i = 0; i < ch.length; i++) {
      x = convBlock(l, x, "encoder." + i, h, wd, inCh, ch[i], rs[i], true);
      h /= rs[i];
      wd /= rs[i];
      inCh = ch[i];
    }

    // Tokens: patch embedding, fixed positions, then the extra tokens prepended.
    long width = c.width();
    long gh = c.gridHeight();
    long gw = c.gridWidth();
    long np = gh * gw;
    Operand<TFloat32> t = l.patchConv(x, "x_embedder.proj", h, wd, inCh, width, c.patch());
    t = l.reshape(t, batch, np, width);
    t = tf.math.add(t, tf.constant(org.tensorflow.ndarray.Shape.of(1, np, width),
        org.tensorflow.ndarray.buffer.DataBuffers.of(positions, true, false)));
    long e = c.extraTokens();
    if (e > 0) {
      Operand<TFloat32> extra = l.param("pos_enc.extra");
      if (!w.perSample("pos_enc.extra")) {
        extra = tf.tile(l.reshape(extra, 1, e, width), tf.constant(new long[] {batch, 1, 1}));
      }
      t = tf.concat(List.of(extra, t), tf.constant(1));
    }
    long tokens = np + e;

    // Condition vector c [B, condWidth].
    Operand<TFloat32> cond = condition(l, in, opt);

    // Backbone.
    for (int b = 0; b < c.depth(); b++) {
      t = ditBlock(l, t, cond, "dit_backbone." + b, tokens);
    }
    Operand<TFloat32>[] sb = adapter(l, cond, "dit_final.adapter.adapter.1", 2);
    t = tf.math.add(tf.math.mul(l.layerNorm(t), tf.math.add(l.f(1), sb[0])), sb[1]);

    // Output: drop the extra tokens, unpatchify, decoder, last.
    Operand<TFloat32> pt = e > 0
        ? tf.slice(t, tf.constant(new int[] {0, (int) e, 0}), tf.constant(new int[] {batch, (int) np, (int) width}))
        : t;
    Operand<TFloat32> features = tf.math.mean(pt, tf.constant(1));
    Operand<TFloat32> z = l.reshape(pt, batch, gh, gw, width);
    z = l.patchConvTranspose(z, "unpatchify.proj", gh, gw, width, c.latentChannels(), c.patch());
    h = c.latentHeight();
    wd = c.latentWidth();
    long cur = c.latentChannels();
    int[] ins = decoderOutputs(c);
    for (int k = 0; k < ch.length; k++) {
      int i = ch.length - 1 - k;
      z = convBlock(l, z, "decoder." + k, h, wd, cur, ins[i], rs[i], false);
      h *= rs[i];
      wd *= rs[i];
      cur = ins[i];
    }
    long pix = (long) c.imageHeight() * c.imageWidth();
    Operand<TFloat32> f = l.linear(l.reshape(z, batch, pix, cur), "last.proj", false, pix, cur, c.imageChannels());
    f = l.reshape(f, batch, c.imageHeight(), c.imageWidth(), c.imageChannels());
    return new Output(f, features);
  }

  /** Output channels of the decoder block mirroring encoder block i (lastFactor on the first). */
  static int[] decoderOutputs(DitEdmConfig c) {
    int[] ch = c.frontendChannels();
    int[] ins = new int[ch.length];
    int prev = c.imageChannels();
    for (int i = 0; i < ch.length; i++) {
      ins[i] = prev;
      prev = ch[i];
    }
    if (ch.length > 0) {
      ins[0] *= c.lastFactor();
    }
    return ins;
  }

  private Operand<TFloat32> convBlock(Layers l, Operand<TFloat32> x, String n, long h, long wd,
      long in, long out, int r, boolean down) {
    long mid = DitEdmParams.midChannels((int) in, (int) out);
    long ho = down ? h / r : h * r;
    long wo = down ? wd / r : wd * r;
    Operand<TFloat32> skip;
    if (DitEdmParams.hasSkip((int) in, (int) out, r)) {
      skip = down ? l.patchConv(x, n + ".skip", h, wd, in, out, r)
          : l.patchConvTranspose(x, n + ".skip", h, wd, in, out, r);
    } else {
      skip = x;
    }
    Operand<TFloat32> y = l.silu(l.instanceNorm(x, n + ".norm1", in));
    y = down ? l.patchConv(y, n + ".conv1", h, wd, in, mid, r)
        : l.patchConvTranspose(y, n + ".conv1", h, wd, in, mid, r);
    y = l.silu(l.instanceNorm(y, n + ".norm2", mid));
    y = l.sameConv(y, n + ".conv2", ho, wo, mid, out, cfg.frontendKernel());
    return l.tf.math.add(y, skip);
  }

  private Operand<TFloat32> condition(Layers l, Inputs in, Options opt) {
    Ops tf = l.tf;
    DitEdmConfig c = cfg;
    int batch = l.batch;
    long nf = frequencies.length;
    // Sigma embedder: [sin(c_noise f), cos(c_noise f)] -> Linear -> SiLU -> Linear.
    Operand<TFloat32> arg = tf.math.mul(l.reshape(in.cNoise(), batch, 1),
        tf.constant(org.tensorflow.ndarray.Shape.of(1, nf),
            org.tensorflow.ndarray.buffer.DataBuffers.of(frequencies, true, false)));
    Operand<TFloat32> four = tf.concat(List.of(tf.math.sin(arg), tf.math.cos(arg)), tf.constant(1));
    Operand<TFloat32> s = l.linear(four, "s_embedder.mlp.0", true, 0, 2 * nf, c.condWidth());
    s = l.linear(l.silu(s), "s_embedder.mlp.2", true, 0, c.condWidth(), c.condWidth());
    // Augmentation flag: Embedding(2, condWidth) as a one-hot product.
    Operand<TFloat32> onehot = tf.oneHot(in.aug(), tf.constant(2), l.f(1), l.f(0));
    Operand<TFloat32> table = l.param("a_embedder.emb.weight");
    Operand<TFloat32> a = l.w.perSample("a_embedder.emb.weight")
        ? l.reshape(tf.train.batchMatMul(l.reshape(onehot, batch, 1, 2), table, TFloat32.class), batch, c.condWidth())
        : tf.linalg.matMul(onehot, table);
    Operand<TFloat32> sum = tf.math.add(s, a);
    if (!c.unconditional()) {
      // Null condition: learned xdrop when dropped (training) or when |y|^2 < 1e-8.
      Operand<TFloat32> y = in.y();
      Operand<TFloat32> norm = tf.reduceSum(tf.math.square(y), tf.constant(1), org.tensorflow.op.core.ReduceSum.keepDims(true));
      Operand<TFloat32> isNull = tf.dtypes.cast(tf.math.less(norm, l.f(1e-8)), TFloat32.class);
      if (opt.training() && opt.condDropout() > 0) {
        Operand<TFloat32> u = l.uniform(batch, 1);
        Operand<TFloat32> drop = tf.dtypes.cast(tf.math.less(u, l.f(opt.condDropout())), TFloat32.class);
        isNull = tf.math.maximum(isNull, drop);
      }
      Operand<TFloat32> xdrop = l.param("y_embedder.xdrop");
      Operand<TFloat32> yEff = tf.math.add(tf.math.mul(isNull, xdrop), tf.math.mul(tf.math.sub(l.f(1), isNull), y));
      Operand<TFloat32> ye = l.linear(yEff, "y_embedder.emb_mlp.0", true, 0, c.condDim(), c.condWidth());
      ye = l.dropout(l.silu(ye), c.dropout(), batch, c.condWidth());
      ye = l.linear(ye, "y_embedder.emb_mlp.3", true, 0, c.condWidth(), c.condWidth());
      sum = tf.math.add(sum, ye);
    }
    return sum;
  }

  /** SiLU -> Linear(condWidth -> parts * width), split into {@code parts} of [B, 1, width]. */
  private Operand<TFloat32>[] adapter(Layers l, Operand<TFloat32> cond, String name, int parts) {
    long width = cfg.width();
    Operand<TFloat32> a = l.linear(l.silu(cond), name, true, 0, cfg.condWidth(), parts * width);
    a = l.reshape(a, l.batch, 1, parts * width);
    Split<TFloat32> split = l.tf.split(l.tf.constant(2), a, (long) parts);
    Operand<TFloat32>[] out = Layers.newArray(parts);
    for (int i = 0; i < parts; i++) {
      out[i] = split.output().get(i);
    }
    return out;
  }

  private Operand<TFloat32> ditBlock(Layers l, Operand<TFloat32> x, Operand<TFloat32> cond, String n, long tokens) {
    Ops tf = l.tf;
    long width = cfg.width();
    // Gate first: (gate1, scale1, shift1, gate2, scale2, shift2), unlike the original DiT.
    Operand<TFloat32>[] m = adapter(l, cond, n + ".adapter.adapter.1", 6);
    Operand<TFloat32> h = tf.math.add(tf.math.mul(l.layerNorm(x), tf.math.add(l.f(1), m[1])), m[2]);
    x = tf.math.add(x, tf.math.mul(m[0], attention(l, h, n + ".attention", tokens)));
    h = tf.math.add(tf.math.mul(l.layerNorm(x), tf.math.add(l.f(1), m[4])), m[5]);
    Operand<TFloat32> u = l.linear(h, n + ".mlp.0", true, tokens, width, cfg.mlpHidden());
    u = l.dropout(l.geluTanh(u), cfg.dropout(), l.batch, tokens, cfg.mlpHidden());
    u = l.linear(u, n + ".mlp.3", true, tokens, cfg.mlpHidden(), width);
    return tf.math.add(x, tf.math.mul(m[3], u));
  }

  private Operand<TFloat32> attention(Layers l, Operand<TFloat32> x, String n, long tokens) {
    Ops tf = l.tf;
    int batch = l.batch;
    long width = cfg.width();
    long heads = cfg.heads();
    long hd = cfg.headDim();
    Operand<TFloat32> qkv = l.linear(x, n + ".qkv", false, tokens, width, 3 * width);
    Split<TFloat32> parts = tf.split(tf.constant(2), qkv, 3L);
    Operand<TFloat32> q = heads(l, parts.output().get(0), tokens);
    Operand<TFloat32> k = heads(l, parts.output().get(1), tokens);
    Operand<TFloat32> v = heads(l, parts.output().get(2), tokens);
    Operand<TFloat32> scores = tf.math.mul(
        tf.train.batchMatMul(q, k, TFloat32.class, Layers.adjY()), l.f(1.0 / Math.sqrt(hd)));
    Operand<TFloat32> p = tf.nn.softmax(scores);
    p = l.dropout(p, cfg.dropout(), batch, heads, tokens, tokens);
    Operand<TFloat32> o = tf.train.batchMatMul(p, v, TFloat32.class);
    o = l.reshape(l.transpose(o, 0, 2, 1, 3), batch, tokens, width);
    o = l.dropout(o, cfg.dropout(), batch, tokens, width);
    return l.linear(o, n + ".proj", true, tokens, width, width);
  }

  private Operand<TFloat32> heads(Layers l, Operand<TFloat32> x, long tokens) {
    return l.transpose(l.reshape(x, l.batch, tokens, cfg.heads(), cfg.headDim()), 0, 2, 1, 3);
  }

  /** f_i = 2 pi (e^{i/n} - 1) / (e - 1), i = 1..n: spans 0.0287 .. 2 pi for n = 128. */
  static float[] sigmaFrequencies(int n) {
    float[] f = new float[n];
    for (int i = 1; i <= n; i++) {
      f[i - 1] = (float) (2 * Math.PI * (Math.exp((double) i / n) - 1) / (Math.E - 1));
    }
    return f;
  }
}
