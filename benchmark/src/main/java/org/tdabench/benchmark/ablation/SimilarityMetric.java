package org.tdabench.benchmark.ablation;

/**
 * A per-image comparison of a target before and after removal-and-retraining (the MUCS
 * step 4). A similarity (SSIM, feature cosine) is higher for more alike images; a distance (pixel
 * L2) is higher for more different ones. The statistics turn distances around so that "lower
 * similarity after removal" means "more influence" for every metric.
 */
public interface SimilarityMetric {
  /** Stable id used in result columns, e.g. "ssim", "l2". */
  String name();

  /** True for distances, false for similarities. */
  boolean isDistance();

  /** The metric between image {@code i} of {@code before} and image {@code j} of {@code after}. */
  double compute(Images before, int i, Images after, int j);
}
