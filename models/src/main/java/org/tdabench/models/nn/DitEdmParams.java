package org.tdabench.models.nn;

import java.util.ArrayList;
import java.util.List;
import org.tdabench.models.config.DitEdmConfig;

/**
 * The parameter table of a DiT-EDM network, derived from its config alone (no TensorFlow), so that
 * parameter counts of the 100M-parameter paper presets need no session. Names follow the
 * reference's PyTorch module names; initialisers follow PyTorch's defaults and the reference's
 * zero inits (sony/mucs).
 */
public final class DitEdmParams {
  private DitEdmParams() {}

  public static ParamTable of(DitEdmConfig c) {
    c.validate();
    List<ParamSpec> p = new ArrayList<>();
    int[] ch = c.frontendChannels();
    int[] rs = c.frontendResample();
    // Encoder: blocks (in -> out, r), chained from the image channels.
    int in = c.imageChannels();
    for (int i = 0; i < ch.length; i++) {
      convBlock(p, "encoder." + i, in, ch[i], rs[i], c.frontendKernel(), true);
      in = ch[i];
    }
    // x_embedder: patch conv (kernel = stride = patch).
    int pt = c.patch();
    conv(p, "x_embedder.proj", pt, c.latentChannels(), c.width());
    if (c.extraTokens() > 0) {
      p.add(new ParamSpec("pos_enc.extra", new long[] {c.extraTokens(), c.width()}, new ParamSpec.Zeros()));
    }
    // Condition embedders.
    linear(p, "s_embedder.mlp.0", c.fourierFeatures(), c.condWidth(), true);
    linear(p, "s_embedder.mlp.2", c.condWidth(), c.condWidth(), true);
    if (!c.unconditional()) {
      p.add(new ParamSpec("y_embedder.xdrop", new long[] {c.condDim()}, new ParamSpec.Zeros()));
      linear(p, "y_embedder.emb_mlp.0", c.condDim(), c.condWidth(), true);
      linear(p, "y_embedder.emb_mlp.3", c.condWidth(), c.condWidth(), true);
    }
    p.add(new ParamSpec("a_embedder.emb.weight", new long[] {2, c.condWidth()}, new ParamSpec.Normal(1.0)));
    // Backbone.
    for (int b = 0; b < c.depth(); b++) {
      String n = "dit_backbone." + b;
      linear(p, n + ".attention.qkv", c.width(), 3 * c.width(), false);
      linear(p, n + ".attention.proj", c.width(), c.width(), true);
      linear(p, n + ".mlp.0", c.width(), c.mlpHidden(), true);
      linear(p, n + ".mlp.3", c.mlpHidden(), c.width(), true);
      zeroLinear(p, n + ".adapter.adapter.1", c.condWidth(), 6 * c.width());
    }
    zeroLinear(p, "dit_final.adapter.adapter.1", c.condWidth(), 2 * c.width());
    convTranspose(p, "unpatchify.proj", pt, c.width(), c.latentChannels());
    // Decoder: the mirror image; the first entry's input width is multiplied by lastFactor.
    int[] ins = new int[ch.length];
    int prev = c.imageChannels();
    for (int i = 0; i < ch.length; i++) {
      ins[i] = prev;
      prev = ch[i];
    }
    if (ch.length > 0) {
      ins[0] *= c.lastFactor();
    }
    for (int k = 0; k < ch.length; k++) {
      int i = ch.length - 1 - k;
      convBlock(p, "decoder." + k, ch[i], ins[i], rs[i], c.frontendKernel(), false);
    }
    int lastIn = ch.length > 0 ? c.imageChannels() * c.lastFactor() : c.latentChannels();
    p.add(new ParamSpec("last.proj.weight", new long[] {lastIn, c.imageChannels()}, new ParamSpec.Zeros()));
    return new ParamTable(p);
  }

  /** Hidden width of a ConvBlock2d: 2 * max(in, out). */
  public static int midChannels(int in, int out) {
    return 2 * Math.max(in, out);
  }

  /** Whether a ConvBlock2d has a skip conv (otherwise identity). */
  public static boolean hasSkip(int in, int out, int r) {
    return in != out || r != 1;
  }

  private static void convBlock(List<ParamSpec> p, String n, int in, int out, int r, int k, boolean down) {
    int mid = midChannels(in, out);
    p.add(new ParamSpec(n + ".norm1.weight", new long[] {in}, new ParamSpec.Ones()));
    p.add(new ParamSpec(n + ".norm1.bias", new long[] {in}, new ParamSpec.Zeros()));
    if (down) {
      conv(p, n + ".conv1", r, in, mid);
    } else {
      convTranspose(p, n + ".conv1", r, in, mid);
    }
    p.add(new ParamSpec(n + ".norm2.weight", new long[] {mid}, new ParamSpec.Ones()));
    p.add(new ParamSpec(n + ".norm2.bias", new long[] {mid}, new ParamSpec.Zeros()));
    p.add(new ParamSpec(n + ".conv2.weight", new long[] {k, k, mid, out}, new ParamSpec.Zeros()));
    p.add(new ParamSpec(n + ".conv2.bias", new long[] {out}, new ParamSpec.Zeros()));
    if (hasSkip(in, out, r)) {
      if (down) {
        conv(p, n + ".skip", r, in, out);
      } else {
        convTranspose(p, n + ".skip", r, in, out);
      }
    }
  }

  private static void linear(List<ParamSpec> p, String n, int in, int out, boolean bias) {
    double bound = 1.0 / Math.sqrt(in);
    p.add(new ParamSpec(n + ".weight", new long[] {in, out}, new ParamSpec.Uniform(bound)));
    if (bias) {
      p.add(new ParamSpec(n + ".bias", new long[] {out}, new ParamSpec.Uniform(bound)));
    }
  }

  private static void zeroLinear(List<ParamSpec> p, String n, int in, int out) {
    p.add(new ParamSpec(n + ".weight", new long[] {in, out}, new ParamSpec.Zeros()));
    p.add(new ParamSpec(n + ".bias", new long[] {out}, new ParamSpec.Zeros()));
  }

  /** Conv2d: fan_in = in * k * k. */
  private static void conv(List<ParamSpec> p, String n, int k, int in, int out) {
    double bound = 1.0 / Math.sqrt((double) in * k * k);
    p.add(new ParamSpec(n + ".weight", new long[] {k, k, in, out}, new ParamSpec.Uniform(bound)));
    p.add(new ParamSpec(n + ".bias", new long[] {out}, new ParamSpec.Uniform(bound)));
  }

  /** ConvTranspose2d: PyTorch's weight is (in, out, k, k), so its fan_in is out * k * k. */
  private static void convTranspose(List<ParamSpec> p, String n, int k, int in, int out) {
    double bound = 1.0 / Math.sqrt((double) out * k * k);
    p.add(new ParamSpec(n + ".weight", new long[] {in, k, k, out}, new ParamSpec.Uniform(bound)));
    p.add(new ParamSpec(n + ".bias", new long[] {out}, new ParamSpec.Uniform(bound)));
  }
}
