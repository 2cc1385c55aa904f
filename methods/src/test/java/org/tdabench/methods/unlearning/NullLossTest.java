package org.tdabench.methods.unlearning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;
import org.tdabench.methods.TestTasks;
import org.tdabench.methods.api.ImageSet;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.edm.Edm;

@Tag("numerics")
class NullLossTest {

  /** n images with pixels uniform in [-a, a] (second moment a^2 / 3) and one-hot conditions. */
  static ImageSet uniformSet(ModelSpec spec, int n, double a, long seed) {
    int d = spec.imageSize();
    int cd = spec.condDim();
    float[] x = new float[n * d];
    float[] y = new float[n * cd];
    CounterRng r = new CounterRng(seed);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) ((2 * r.nextDouble() - 1) * a);
    }
    for (int i = 0; i < n; i++) {
      y[i * cd + i % cd] = 1f;
    }
    return ImageSet.ofArrays(x, y, d, cd, null, null);
  }

  @Test
  void freshModelEstimateAgreesWithTheAnalyticZeroOutputLoss() {
    ModelSpec spec = TestTasks.spec();
    // Second moment 0.12, far from sigma_data^2 = 0.25, so the expected L_null (about 0.8) is not 1.
    ImageSet data = uniformSet(spec, 500, 0.6, 3);
    NullLoss nl = NullLoss.estimate(spec, data, 50, 200, SeedTree.root(11), 1);
    double m2 = Images.secondMoment(data);
    assertEquals(0.12, m2, 0.005);
    double analytic = Edm.expectedZeroOutputLoss(m2, spec.edm());
    assertTrue(analytic < 0.9, "the check must distinguish the data's L_null from 1: " + analytic);
    assertEquals(500, nl.samples(), "one pass of drop-last batches");
    assertEquals(analytic, nl.analytic(), 1e-12);
    // Per-sample losses have a standard deviation of about 0.15: 500 samples give about 0.007.
    assertEquals(analytic, nl.value(), 0.03);
  }

  @Test
  void estimateIsCappedAtMaxBatchesAndOnePass() {
    ModelSpec spec = TestTasks.spec();
    ImageSet data = uniformSet(spec, 45, 1.0, 4);
    assertEquals(40, NullLoss.estimate(spec, data, 10, 200, SeedTree.root(1), 1).samples());
    assertEquals(20, NullLoss.estimate(spec, data, 10, 2, SeedTree.root(1), 1).samples());
  }
}
