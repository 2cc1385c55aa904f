package org.tdabench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tdabench.core.UserError;
import org.tdabench.models.config.Conditioning;
import org.tdabench.models.config.DitEdmConfig;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.config.ModelPresets;
import org.tdabench.models.nn.DitEdmParams;
import org.tdabench.models.nn.ParamSubsets;
import org.tdabench.models.nn.ParamTable;

class ParamCountTest {

  @Test
  void paperPresetsHaveTheReferenceParameterCounts() {
    // Counted from the reference's module definitions (sony/mucs).
    assertEquals(99_787_890L, DitEdmParams.of(ModelPresets.get("paper-cifar10").arch()).count());
    assertEquals(99_975_788L, DitEdmParams.of(ModelPresets.get("paper-artbench10").arch()).count());
    assertEquals(146_574_690L, DitEdmParams.of(ModelPresets.get("paper-coco").arch()).count());
  }

  @Test
  void paperPresetsBoundToTheirDatasetsKeepTheReferenceConditioning() {
    // As a run binds them: CIFAR-10 data carries 10-d one-hot labels, which the reference's
    // CIFAR-10 model ignores (unconditional: True); ArtBench-10 takes them, COCO its 768-d captions.
    ModelPreset cifar = ModelPresets.get("paper-cifar10").forData(3, 32, 32, 10);
    assertTrue(cifar.arch().unconditional());
    assertEquals(99_787_890L, DitEdmParams.of(cifar.arch()).count());
    assertEquals(99_975_788L, DitEdmParams.of(ModelPresets.get("paper-artbench10").forData(3, 64, 64, 10).arch())
        .count());
    assertEquals(146_574_690L, DitEdmParams.of(ModelPresets.get("paper-coco").forData(3, 64, 64, 768).arch())
        .count());
    // The CPU presets take whatever conditioning the data has.
    assertEquals(10, ModelPresets.get("small").forData(3, 16, 16, 10).arch().condDim());
    assertEquals(Conditioning.NONE, ModelPresets.get("paper-cifar10").conditioning());
  }

  @Test
  void moduleBreakdownMatchesTheReference() {
    ParamTable t = DitEdmParams.of(ModelPresets.get("paper-cifar10").arch());
    assertEquals(1_742, sum(t, "encoder."));
    assertEquals(8_316, sum(t, "decoder."));
    assertEquals(13_056, sum(t, "x_embedder."));
    assertEquals(24_576, sum(t, "pos_enc."));
    assertEquals(12_292, sum(t, "unpatchify."));
    assertEquals(131_584, sum(t, "s_embedder."));
    assertEquals(0, sum(t, "y_embedder."));
    assertEquals(512, sum(t, "a_embedder."));
    assertEquals(394_752, sum(t, "dit_final."));
    assertEquals(36, sum(t, "last."));
    assertEquals(8_266_752, sum(t, "dit_backbone.0."));
    ParamTable coco = DitEdmParams.of(ModelPresets.get("paper-coco").arch());
    assertEquals(1_837_824, sum(coco, "y_embedder."));
    assertEquals(29_110, sum(coco, "encoder."));
    assertEquals(26_488, sum(coco, "decoder."));
  }

  @Test
  void mucsTrainableSubsetMatchesTheReference() {
    // MUCS trains only the MLP weight matrices of every block and of the condition MLP.
    ParamTable t = DitEdmParams.of(ModelPresets.get("paper-cifar10").arch());
    assertEquals(56_623_104L, t.count(ParamSubsets.mlpWeights(t))); // 12 x 2 x 768 x 3072: "56.62M"
    ParamTable coco = DitEdmParams.of(ModelPresets.get("paper-coco").arch());
    // 12 x 2 x 768 x 3072 + 768 x 1024 + 1024 x 1024: "58.46M"
    assertEquals(56_623_104L + 786_432L + 1_048_576L, coco.count(ParamSubsets.mlpWeights(coco)));
  }

  @Test
  void impossibleConfigsAreOneLineUserErrors() {
    DitEdmConfig ok = ModelPresets.get("tiny").arch();
    UserError heads = assertThrows(UserError.class, () -> new DitEdmConfig(3, 8, 8, 10, new int[] {4},
        new int[] {1}, 3, 2, 2, 4, 30, 2, 4, 2, 0.1, 32, 32).validate());
    assertTrue(heads.getMessage().contains("not divisible by heads"), heads.getMessage());
    UserError patch = assertThrows(UserError.class, () -> ok.withData(3, 9, 9, 10).validate());
    assertTrue(patch.getMessage().contains("patch"), patch.getMessage());
    UserError preset = assertThrows(UserError.class, () -> ModelPresets.get("huge"));
    assertTrue(preset.getMessage().contains("tiny"), preset.getMessage());
  }

  private static long sum(ParamTable t, String prefix) {
    return t.count(t.select(s -> s.name().startsWith(prefix)));
  }
}
