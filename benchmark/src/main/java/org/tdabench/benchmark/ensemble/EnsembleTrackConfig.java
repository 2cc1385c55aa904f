package org.tdabench.benchmark.ensemble;

import java.util.List;

/**
 * The sizes of a preset's encoded-ensemble track.
 *
 * @param members n, ensemble members (0: the smallest even n with C(n, n/2) >= N; CIFAR-10's
 *     50,000 images give 20, as the paper uses for its 60,000)
 * @param targets generated targets attributed on the track (the first gen targets' test items:
 *     the same noise and conditions as the main track's, through the ensemble)
 * @param recallK k of recall@k against the exact top-k
 * @param perMemberMethods the per-member methods the track runs when the run selects all methods
 *     (empty: every one): attributing an ensemble member by member costs n times a method's
 *     single-model time, so CPU presets run the cheap ones and name the others as not run (naming
 *     a method with --methods runs it). Model-free and whole-ensemble methods always run.
 * @param evalBatch images per graph run of the members (speed only)
 * @param maxRows counterfactual samples per pass of the exact ground truth (memory only)
 */
public record EnsembleTrackConfig(int members, int targets, int recallK, List<String> perMemberMethods,
    int evalBatch, int maxRows) {

  public EnsembleTrackConfig {
    perMemberMethods = List.copyOf(perMemberMethods);
    if (members < 0 || targets < 1 || recallK < 1 || evalBatch < 1 || maxRows < 1) {
      throw new IllegalArgumentException("invalid ensemble track sizes");
    }
  }

  /** The paired reference of every method on the track. */
  public static final String REFERENCE = "random";

  /** The method whose own ground truth the track is built on. */
  public static final String METHOD = "encoded-ensemble";

  /** The track of benchmark preset {@code preset}. */
  public static EnsembleTrackConfig forPreset(String preset) {
    return switch (preset) {
      // tiny: every way of attributing an ensemble once (model-free, per member, whole ensemble).
      case "tiny" -> new EnsembleTrackConfig(0, 2, 3, List.of("dit-feature"), 64, 4096);
      // small: 12 members (C(12, 6) = 924 >= 256), 8 targets x 256 exact counterfactuals.
      case "small" -> new EnsembleTrackConfig(0, 8, 10, List.of("dit-feature"), 256, 4096);
      // paper presets: n = 20 members as the paper's CIFAR-10 ensemble, 20 targets, every method.
      default -> new EnsembleTrackConfig(0, 20, 100, List.of(), 256, 8192);
    };
  }

  /** Whether the track runs every per-member method (paper presets: an empty list). */
  public boolean runsEveryMethod() {
    return perMemberMethods.isEmpty();
  }
}
