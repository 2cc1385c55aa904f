package org.tdabench.models.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.config.DitEdmConfig;

/**
 * The weights of a network as the reference's PyTorch {@code state_dict()} holds them
 * (sony/mucs models/dit_edm.py): the same names ({@link DitEdmParams} already uses the module
 * names), PyTorch layouts, and the two fixed buffers the reference registers, so that
 * {@code model.load_state_dict(tensors, strict=True)} accepts them.
 *
 * <p>Layouts: {@code nn.Linear} weights are [out, in] (ours [in, out]); {@code nn.Conv2d} weights
 * are [out, in, kh, kw] (ours [kh, kw, in, out]); {@code nn.ConvTranspose2d} weights are
 * [in, out, kh, kw] (ours [in, kh, kw, out]); embeddings, norms, biases and tokens are as ours.
 * Buffers: {@code pos_enc.emb} [1, tokens, width] and {@code s_embedder.freq} [features / 2].
 */
public final class TorchStateDict {
  private TorchStateDict() {}

  /** A tensor of the state dict: row-major values and the PyTorch shape. */
  public record Tensor(float[] values, long[] shape) {}

  /** How one of our parameters maps to its PyTorch layout. */
  enum Kind {
    LINEAR,
    CONV,
    CONV_TRANSPOSE,
    AS_IS
  }

  static Kind kind(ParamSpec s) {
    String n = s.name();
    if (s.shape().length == 4) {
      // The decoder's resampling convolutions and the unpatchify are ConvTranspose2d; the
      // decoder's k x k conv2 and every encoder/patch convolution are Conv2d.
      boolean transposed = n.startsWith("unpatchify.")
          || n.startsWith("decoder.") && (n.contains(".conv1.") || n.contains(".skip."));
      return transposed ? Kind.CONV_TRANSPOSE : Kind.CONV;
    }
    if (s.shape().length == 2 && n.endsWith(".weight") && !n.equals("a_embedder.emb.weight")) {
      return Kind.LINEAR;
    }
    return Kind.AS_IS;
  }

  /** The reference's state dict of a network of architecture {@code c} holding {@code w}. */
  public static Map<String, Tensor> of(DitEdmConfig c, ModelWeights w) {
    ParamTable table = DitEdmParams.of(c);
    w.checkAgainst(table);
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (ParamSpec s : table.specs()) {
      out.put(s.name(), convert(s, w.get(s.name())));
    }
    long tokens = (long) c.patchTokens();
    out.put("pos_enc.emb", new Tensor(SinCosPositions.table(c.width(), c.gridHeight(), c.gridWidth()),
        new long[] {1, tokens, c.width()}));
    float[] freq = DitEdmNetwork.sigmaFrequencies(c.fourierFeatures() / 2);
    out.put("s_embedder.freq", new Tensor(freq, new long[] {freq.length}));
    return out;
  }

  static Tensor convert(ParamSpec s, float[] v) {
    long[] sh = s.shape();
    return switch (kind(s)) {
      case LINEAR -> {
        int in = (int) sh[0];
        int o = (int) sh[1];
        float[] t = new float[v.length];
        for (int i = 0; i < in; i++) {
          for (int j = 0; j < o; j++) {
            t[j * in + i] = v[i * o + j];
          }
        }
        yield new Tensor(t, new long[] {o, in});
      }
      case CONV -> {
        // [kh, kw, in, out] -> [out, in, kh, kw]
        int kh = (int) sh[0];
        int kw = (int) sh[1];
        int in = (int) sh[2];
        int o = (int) sh[3];
        float[] t = new float[v.length];
        for (int a = 0; a < kh; a++) {
          for (int b = 0; b < kw; b++) {
            for (int i = 0; i < in; i++) {
              for (int j = 0; j < o; j++) {
                t[((j * in + i) * kh + a) * kw + b] = v[((a * kw + b) * in + i) * o + j];
              }
            }
          }
        }
        yield new Tensor(t, new long[] {o, in, kh, kw});
      }
      case CONV_TRANSPOSE -> {
        // [in, kh, kw, out] -> [in, out, kh, kw]
        int in = (int) sh[0];
        int kh = (int) sh[1];
        int kw = (int) sh[2];
        int o = (int) sh[3];
        float[] t = new float[v.length];
        for (int i = 0; i < in; i++) {
          for (int a = 0; a < kh; a++) {
            for (int b = 0; b < kw; b++) {
              for (int j = 0; j < o; j++) {
                t[((i * o + j) * kh + a) * kw + b] = v[((i * kh + a) * kw + b) * o + j];
              }
            }
          }
        }
        yield new Tensor(t, new long[] {in, o, kh, kw});
      }
      case AS_IS -> new Tensor(v, sh.clone());
    };
  }
}
