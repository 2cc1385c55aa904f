package org.tdabench.benchmark.ablation;

/**
 * Pixel-space L2 distance as D-TRAK's counterfactual evaluation measures it: both images in [-1, 1],
 * flattened, Euclidean norm of the difference (as the MUCS and AbU evaluations compute it). Since the images here are in
 * [0, 1], that is 2 ||a - b||. Higher means more changed.
 */
public final class PixelL2 implements SimilarityMetric {
  @Override
  public String name() {
    return "l2";
  }

  @Override
  public boolean isDistance() {
    return true;
  }

  @Override
  public double compute(Images before, int i, Images after, int j) {
    if (!before.sameShape(after)) {
      throw new IllegalArgumentException("L2 of images with different shapes");
    }
    float[] a = before.data();
    float[] b = after.data();
    int oa = before.offset(i);
    int ob = after.offset(j);
    double s = 0;
    for (int k = 0; k < before.imageSize(); k++) {
      double d = 2.0 * ((double) a[oa + k] - (double) b[ob + k]);
      s += d * d;
    }
    return Math.sqrt(s);
  }
}
