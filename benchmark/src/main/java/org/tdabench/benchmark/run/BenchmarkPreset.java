package org.tdabench.benchmark.run;

import java.util.Map;

/**
 * The sizes of one benchmark run: which model preset, how much data, how many targets, subsets,
 * seeds and probes, and how each method's options are scaled. The paper presets use the reference
 * sizes (for GPUs and clusters); {@code small} is the CPU leaderboard; {@code tiny} proves the
 * wiring in tests.
 *
 * @param name preset id
 * @param model model preset name ({@link org.tdabench.models.config.ModelPresets})
 * @param dataset default dataset
 * @param trainSize procedural training images (0 = the dataset's whole train split)
 * @param testSize procedural test images (0 = the dataset's whole test split)
 * @param resolution image side for procedural data (0 = the model preset's)
 * @param genTargets generated targets of the LDS ("gen")
 * @param valTargets held-out test images as targets (LDS "val")
 * @param selfTargets training images used as their own targets (self-retrieval)
 * @param ablationTargets generated targets of each ablation seed (seed 0 uses the first of the
 *     LDS gen targets; MUCS: 20)
 * @param controls generated controls of each ablation seed (never attributed; MUCS: 20)
 * @param ldsSubsets M, subsets of the evaluation family
 * @param tuneSubsets subsets of the tuning family (hyper-parameters are chosen there)
 * @param seedsPerSubset R, retraining seeds per subset
 * @param alpha subset fraction
 * @param ldsSigmas sigmas of the LDS ground-truth probe grid
 * @param ldsNoises noise seeds per sigma of that grid
 * @param topkFactor ablation k = topkFactor x 1% of N per target (MUCS: 2.0)
 * @param ablationSeeds ablation repetitions (MUCS: 4 seeds of 20 + 20)
 * @param recallK k of the self-retrieval recall@k
 * @param tracinEvery keep training checkpoints every this many epochs (TracIn, ReTrac)
 * @param bootstrap bootstrap resamples of every interval
 * @param methodOptions per method, option values that replace the method's defaults at this size
 */
public record BenchmarkPreset(
    String name,
    String model,
    String dataset,
    int trainSize,
    int testSize,
    int resolution,
    int genTargets,
    int valTargets,
    int selfTargets,
    int ablationTargets,
    int controls,
    int ldsSubsets,
    int tuneSubsets,
    int seedsPerSubset,
    double alpha,
    int ldsSigmas,
    int ldsNoises,
    double topkFactor,
    int ablationSeeds,
    int recallK,
    int tracinEvery,
    int bootstrap,
    Map<String, Map<String, String>> methodOptions) {

  public BenchmarkPreset {
    methodOptions = Map.copyOf(methodOptions);
    if (ablationTargets > genTargets) {
      throw new IllegalArgumentException("ablation targets must not exceed gen targets");
    }
  }

  /** Option overrides this preset applies to {@code method}. */
  public Map<String, String> optionsFor(String method) {
    return methodOptions.getOrDefault(method, Map.of());
  }
}
