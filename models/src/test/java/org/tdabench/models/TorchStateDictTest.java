package org.tdabench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tdabench.core.SeedTree;
import org.tdabench.models.config.DitEdmConfig;
import org.tdabench.models.config.ModelPresets;
import org.tdabench.models.nn.DitEdmParams;
import org.tdabench.models.nn.ParamTable;
import org.tdabench.models.nn.TorchStateDict;

class TorchStateDictTest {

  @Test
  void namesAndShapesAreTheReferencesStateDict() {
    // The reference's module shapes (sony/mucs: nn.Linear [out, in], Conv2d [out, in, kh, kw],
    // ConvTranspose2d [in, out, kh, kw]) for the bound paper-cifar10 model, plus its two buffers.
    DitEdmConfig c = ModelPresets.get("paper-cifar10").forData(3, 32, 32, 10).arch();
    ParamTable t = DitEdmParams.of(c);
    Map<String, TorchStateDict.Tensor> sd = TorchStateDict.of(c, ModelWeights.initial(t, SeedTree.root(1)));
    assertEquals(t.size() + 2, sd.size());
    assertArrayEquals(new long[] {2304, 768}, sd.get("dit_backbone.0.attention.qkv.weight").shape());
    assertArrayEquals(new long[] {3072, 768}, sd.get("dit_backbone.11.mlp.0.weight").shape());
    assertArrayEquals(new long[] {4608, 256}, sd.get("dit_backbone.3.adapter.adapter.1.weight").shape());
    assertArrayEquals(new long[] {256, 256}, sd.get("s_embedder.mlp.2.weight").shape());
    assertArrayEquals(new long[] {2, 256}, sd.get("a_embedder.emb.weight").shape());
    assertArrayEquals(new long[] {32, 768}, sd.get("pos_enc.extra").shape());
    assertArrayEquals(new long[] {768, 4, 2, 2}, sd.get("x_embedder.proj.weight").shape());
    assertArrayEquals(new long[] {768, 4, 2, 2}, sd.get("unpatchify.proj.weight").shape());
    assertArrayEquals(new long[] {8, 3, 1, 1}, sd.get("encoder.0.conv1.weight").shape());
    assertArrayEquals(new long[] {4, 8, 5, 5}, sd.get("encoder.0.conv2.weight").shape());
    assertArrayEquals(new long[] {4, 8, 1, 1}, sd.get("decoder.0.conv1.weight").shape());
    assertArrayEquals(new long[] {12, 24, 5, 5}, sd.get("decoder.1.conv2.weight").shape());
    assertArrayEquals(new long[] {4, 24, 1, 1}, sd.get("decoder.1.conv1.weight").shape());
    assertArrayEquals(new long[] {4, 12, 1, 1}, sd.get("decoder.1.skip.weight").shape());
    assertArrayEquals(new long[] {3, 12}, sd.get("last.proj.weight").shape());
    assertArrayEquals(new long[] {1, 256, 768}, sd.get("pos_enc.emb").shape());
    assertArrayEquals(new long[] {128}, sd.get("s_embedder.freq").shape());
    assertEquals(false, sd.containsKey("y_embedder.xdrop"), "unconditional: no y-embedder");
  }

  @Test
  void valuesMoveToThePyTorchLayouts() {
    DitEdmConfig c = ModelPresets.get("tiny").arch();
    ParamTable t = DitEdmParams.of(c);
    ModelWeights w = ModelWeights.initial(t, SeedTree.root(2));
    Map<String, TorchStateDict.Tensor> sd = TorchStateDict.of(c, w);
    // Linear: ours [in, out] at (i, j) is PyTorch's [out, in] at (j, i).
    long[] lin = t.get("dit_backbone.0.mlp.0.weight").shape();
    int in = (int) lin[0];
    int out = (int) lin[1];
    assertEquals(w.get("dit_backbone.0.mlp.0.weight")[3 * out + 5], sd.get("dit_backbone.0.mlp.0.weight").values()[5 * in + 3]);
    // Conv2d: ours [kh, kw, in, out] -> [out, in, kh, kw].
    long[] cv = t.get("x_embedder.proj.weight").shape();
    int kw = (int) cv[1];
    int ci = (int) cv[2];
    int co = (int) cv[3];
    float ours = w.get("x_embedder.proj.weight")[((1 * kw + 0) * ci + 2) * co + 7];
    assertEquals(ours, sd.get("x_embedder.proj.weight").values()[((7 * ci + 2) * kw + 1) * kw + 0]);
    // ConvTranspose2d: ours [in, kh, kw, out] -> [in, out, kh, kw].
    long[] ct = t.get("unpatchify.proj.weight").shape();
    int ti = (int) ct[0];
    int tk = (int) ct[1];
    int to = (int) ct[3];
    float o2 = w.get("unpatchify.proj.weight")[((5 * tk + 1) * tk + 1) * to + 2];
    assertEquals(o2, sd.get("unpatchify.proj.weight").values()[((5 * to + 2) * tk + 1) * tk + 1]);
    assertEquals(ti, sd.get("unpatchify.proj.weight").shape()[0]);
    // Embeddings and norms are as ours.
    assertArrayEquals(w.get("a_embedder.emb.weight"), sd.get("a_embedder.emb.weight").values());
  }
}
