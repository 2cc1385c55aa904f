package org.tdabench.datasets.procedural;

/**
 * Size and seed of the generated dataset.
 *
 * @param trainSize training images (default 1000)
 * @param testSize test images (default 200)
 * @param resolution square side in pixels (default 16)
 * @param seed generator seed (default 0); the same seed gives the same bytes on every machine
 * @param duplicateGroups planted near-duplicate groups in the training split, or -1 for the default
 *     of about 6% of the training images ({@code round(0.06 * trainSize / duplicateGroupSize)}, at
 *     least 1)
 * @param duplicateGroupSize images per near-duplicate group (default 3)
 */
public record ProceduralConfig(int trainSize, int testSize, int resolution, long seed, int duplicateGroups,
    int duplicateGroupSize) {
  public static final int DEFAULT_TRAIN = 1000;
  public static final int DEFAULT_TEST = 200;
  public static final int DEFAULT_RESOLUTION = 16;

  public ProceduralConfig {
    if (trainSize < 1 || testSize < 1) {
      throw new IllegalArgumentException("train and test sizes must be positive");
    }
    if (resolution < 8 || resolution > 1024) {
      throw new IllegalArgumentException("resolution must be in 8..1024, not " + resolution);
    }
    if (duplicateGroupSize < 2) {
      throw new IllegalArgumentException("a duplicate group needs at least 2 images");
    }
    if (duplicateGroups < -1) {
      throw new IllegalArgumentException("duplicateGroups must be >= 0, or -1 for the default");
    }
  }

  /** 1000 train / 200 test at 16x16, seed 0, default duplicates. */
  public static ProceduralConfig defaults() {
    return new ProceduralConfig(DEFAULT_TRAIN, DEFAULT_TEST, DEFAULT_RESOLUTION, 0, -1, 3);
  }

  /** Given sizes, resolution and seed, default duplicates. */
  public static ProceduralConfig of(int trainSize, int testSize, int resolution, long seed) {
    return new ProceduralConfig(trainSize, testSize, resolution, seed, -1, 3);
  }

  public ProceduralConfig withResolution(int r) {
    return new ProceduralConfig(trainSize, testSize, r, seed, duplicateGroups, duplicateGroupSize);
  }

  public ProceduralConfig withSeed(long s) {
    return new ProceduralConfig(trainSize, testSize, resolution, s, duplicateGroups, duplicateGroupSize);
  }

  public ProceduralConfig withSizes(int train, int test) {
    return new ProceduralConfig(train, test, resolution, seed, duplicateGroups, duplicateGroupSize);
  }

  /** The number of duplicate groups actually planted (resolving the default; at most half the train set). */
  public int effectiveDuplicateGroups() {
    int g = duplicateGroups >= 0 ? duplicateGroups
        : Math.max(1, (int) Math.round(0.06 * trainSize / duplicateGroupSize));
    return Math.min(g, trainSize / 2 / duplicateGroupSize);
  }
}
