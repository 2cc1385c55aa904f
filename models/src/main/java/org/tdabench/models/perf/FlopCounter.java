package org.tdabench.models.perf;

import org.tdabench.models.config.DitEdmConfig;
import org.tdabench.models.nn.DitEdmParams;

/**
 * Multiply-add FLOPs (2 per multiply-add) of one image through the network: every matrix product
 * and convolution, including attention's QK^T and PV. Element-wise work (norms, activations,
 * modulation) is not counted, so achieved GFLOP/s is a lower bound on what the hardware did. A
 * training step is counted as 3x the forward pass (backward = 2x forward).
 */
public final class FlopCounter {
  private FlopCounter() {}

  public static double forwardPerImage(DitEdmConfig c) {
    double f = 0;
    int[] ch = c.frontendChannels();
    int[] rs = c.frontendResample();
    long h = c.imageHeight();
    long w = c.imageWidth();
    int in = c.imageChannels();
    for (int i = 0; i < ch.length; i++) {
      f += convBlock(h, w, in, ch[i], rs[i], c.frontendKernel(), true);
      h /= rs[i];
      w /= rs[i];
      in = ch[i];
    }
    long t = c.tokens();
    long p = c.patchTokens();
    long width = c.width();
    long cw = c.condWidth();
    f += 2.0 * p * (long) c.patch() * c.patch() * c.latentChannels() * width; // patch embedding
    f += 2.0 * (c.fourierFeatures() * cw + cw * cw); // sigma MLP
    if (!c.unconditional()) {
      f += 2.0 * ((long) c.condDim() * cw + cw * cw);
    }
    double block = 2.0 * t * width * 3 * width // qkv
        + 2.0 * 2 * t * t * width // QK^T and PV
        + 2.0 * t * width * width // projection
        + 2.0 * 2 * t * width * c.mlpHidden() // MLP
        + 2.0 * cw * 6 * width; // adapter
    f += c.depth() * block;
    f += 2.0 * cw * 2 * width; // final adapter
    f += 2.0 * p * width * (long) c.patch() * c.patch() * c.latentChannels(); // unpatchify
    int[] outs = new int[ch.length];
    int prev = c.imageChannels();
    for (int i = 0; i < ch.length; i++) {
      outs[i] = prev;
      prev = ch[i];
    }
    if (ch.length > 0) {
      outs[0] *= c.lastFactor();
    }
    h = c.latentHeight();
    w = c.latentWidth();
    int cur = c.latentChannels();
    for (int k = 0; k < ch.length; k++) {
      int i = ch.length - 1 - k;
      f += convBlock(h, w, cur, outs[i], rs[i], c.frontendKernel(), false);
      h *= rs[i];
      w *= rs[i];
      cur = outs[i];
    }
    f += 2.0 * c.imageHeight() * c.imageWidth() * cur * c.imageChannels(); // last
    return f;
  }

  private static double convBlock(long h, long w, int in, int out, int r, int k, boolean down) {
    int mid = DitEdmParams.midChannels(in, out);
    long ho = down ? h / r : h * r;
    long wo = down ? w / r : w * r;
    long small = down ? ho * wo : h * w; // positions of the kernel = stride convs
    double f = 2.0 * small * (long) r * r * in * mid; // conv1
    f += 2.0 * ho * wo * (long) k * k * mid * out; // conv2
    if (DitEdmParams.hasSkip(in, out, r)) {
      f += 2.0 * small * (long) r * r * in * out;
    }
    return f;
  }

  public static double trainStep(DitEdmConfig c, int batch) {
    return 3.0 * forwardPerImage(c) * batch;
  }
}
