package org.tdabench.benchmark.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tdabench.core.UserError;

/**
 * The benchmark presets. Paper presets follow the references: LDS with M = 64 subsets x R = 3 seeds
 * (D-TRAK), 1000 gen + 1000 val targets, the MUCS ablation with 20 targets + 20 controls x 4 seeds
 * at topk_factor 2. The CPU presets scale everything down and say so in the leaderboard.
 */
public final class BenchmarkPresets {
  private BenchmarkPresets() {}

  private static final Map<String, BenchmarkPreset> PRESETS = new LinkedHashMap<>();

  static {
    //                                                   data: train test res | targets: gen val self abl ctl
    add(new BenchmarkPreset("tiny", "tiny", "procedural", 64, 24, 8, 3, 3, 6, 3, 3,
        5, 3, 1, 0.5, 6, 1, 10.0, 1, 3, 2, 200, Map.of()));
    add(new BenchmarkPreset("small", "small", "procedural", 400, 100, 16, 8, 8, 16, 8, 8,
        10, 4, 1, 0.5, 12, 2, 2.0, 1, 5, 2, 1000, Map.of()));
    // Paper presets: D-TRAK's LDS (M = 64, R = 3) on 100 gen + 100 val targets, the MUCS ablation
    // (20 targets + 20 controls x 4 seeds, topk_factor 2).
    add(new BenchmarkPreset("paper-cifar10", "paper-cifar10", "cifar10", 0, 0, 0, 100, 100, 100, 20, 20,
        64, 16, 3, 0.5, 100, 3, 2.0, 4, 10, 20, 1000, Map.of()));
    add(new BenchmarkPreset("paper-artbench10", "paper-artbench10", "artbench10", 0, 0, 0, 100, 100, 100, 20, 20,
        64, 16, 3, 0.5, 100, 3, 2.0, 4, 10, 20, 1000, Map.of()));
    add(new BenchmarkPreset("paper-coco", "paper-coco", "coco", 0, 0, 0, 100, 100, 100, 20, 20,
        64, 16, 3, 0.5, 100, 3, 2.0, 4, 10, 20, 1000, Map.of()));
  }

  private static void add(BenchmarkPreset p) {
    PRESETS.put(p.name(), p);
  }

  public static List<String> names() {
    return List.copyOf(PRESETS.keySet());
  }

  public static BenchmarkPreset get(String name) {
    String key = name == null ? "small" : name.trim().toLowerCase(Locale.ROOT);
    if (key.equals("default")) {
      key = "small";
    }
    BenchmarkPreset p = PRESETS.get(key);
    if (p == null) {
      throw new UserError("unknown preset '" + name + "': choose one of " + String.join(", ", names()));
    }
    return p;
  }
}
