package org.tdabench.models.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.core.UserError;

/**
 * The model presets. The paper presets are exactly the MUCS reference configs
 * (configs/{cifar10,artbench10,coco}_dit_edm.yaml): 768 x 12 DiT-B/2 with 32 register tokens,
 * batch 128, 1000-step epochs, warmctt_10, EMA 0.999, patience 20. {@code tiny} proves the wiring
 * in seconds; {@code small} is the CPU default, sized so a whole benchmark run fits in minutes on
 * two cores.
 */
public final class ModelPresets {
  private ModelPresets() {}

  private static final Map<String, ModelPreset> PRESETS = new LinkedHashMap<>();

  static {
    add(new ModelPreset("tiny", "tests: 8x8 images, width 32, depth 2; seconds",
        new DitEdmConfig(3, 8, 8, 10, new int[] {4}, new int[] {1}, 3, 2, 2, 4, 32, 2, 2, 2, 0.1, 32, 32),
        EdmConfig.REFERENCE, SamplerConfig.REFERENCE.withSteps(8).withCfg(1.0),
        new TrainConfig(8, 2e-3, 0.01, 0.9, 0.999, 1e-8, 25, 4, 2, 4, 0.9, 0.12, 16), 1, Conditioning.DATA));
    // small, the CPU leaderboard: sized so that every training of a full benchmark run (about 23 of
    // them; two cores run two side by side only ~1.1x faster than one after another) fits in
    // minutes. 16x16 images in 4x4 patches (16 tokens + 4 registers), width 96, depth 4: ~54 ms per
    // step on one core; 8 epochs of 45 steps at batch 32 (45 passes over a 256-image training set). Dropout 0 (the reference uses 0.1): the model
    // must memorise for attribution to have signal, and dropout's random draws cost time on a CPU.
    add(new ModelPreset("small", "CPU default: 16x16 images, 4x4 patches, width 96, depth 4",
        new DitEdmConfig(3, 16, 16, 10, new int[] {4}, new int[] {1}, 3, 2, 4, 4, 96, 4, 4, 4, 0.0, 96, 128),
        EdmConfig.REFERENCE, SamplerConfig.REFERENCE.withSteps(18).withCfg(1.0),
        new TrainConfig(32, 2e-3, 0.01, 0.9, 0.999, 1e-8, 45, 8, 2, 20, 0.99, 0.12, 64), 1, Conditioning.DATA));
    // CIFAR-10 is unconditional in the reference (configs/cifar10_dit_edm.yaml, unconditional: True):
    // the labels are never fed, so the bound model has no y-MLP and no condition dropout.
    add(paper("paper-cifar10", "MUCS reference CIFAR-10: unconditional 3x32x32, 200 epochs",
        new DitEdmConfig(3, 32, 32, 0, new int[] {4, 4}, new int[] {1, 1}, 5, 4, 2, 32, 768, 12, 12, 4,
            0.1, 256, 256), 1.0, 1e-4, 200, Conditioning.NONE));
    add(paper("paper-artbench10", "MUCS reference ArtBench-10: class-conditional 3x64x64, 250 epochs",
        new DitEdmConfig(3, 64, 64, 10, new int[] {16, 16}, new int[] {1, 2}, 5, 4, 2, 32, 768, 12, 12, 4,
            0.1, 256, 256), 2.0, 2e-4, 250, Conditioning.DATA));
    add(paper("paper-coco", "MUCS reference COCO: 768-d caption embeddings, 3x64x64, 300 epochs",
        new DitEdmConfig(3, 64, 64, 768, new int[] {16, 16}, new int[] {1, 2}, 5, 4, 2, 32, 768, 12, 12, 4,
            0.1, 1024, 256), 3.0, 2e-4, 300, Conditioning.DATA));
  }

  private static ModelPreset paper(String name, String description, DitEdmConfig arch, double cfg,
      double lr, int epochs, Conditioning conditioning) {
    return new ModelPreset(name, description, arch, EdmConfig.REFERENCE,
        SamplerConfig.REFERENCE.withCfg(cfg),
        new TrainConfig(128, lr, 0.01, 0.9, 0.999, 1e-8, 1000, epochs, 10, 20, 0.999, 0.12, 0), 0, conditioning);
  }

  private static void add(ModelPreset p) {
    p.arch().validate();
    if (p.conditioning() == Conditioning.NONE && !p.arch().unconditional()) {
      throw new IllegalStateException(p.name() + " is unconditional but declares condDim " + p.arch().condDim());
    }
    PRESETS.put(p.name(), p);
  }

  public static List<String> names() {
    return List.copyOf(PRESETS.keySet());
  }

  /** The preset of this name; an unknown name is a one-line {@link UserError}. */
  public static ModelPreset get(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
    if (key.equals("default")) {
      key = "small";
    }
    ModelPreset p = PRESETS.get(key);
    if (p == null) {
      throw new UserError("unknown preset '" + name + "': choose one of " + String.join(", ", names()));
    }
    return p;
  }
}
