package org.tdabench.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tdabench.benchmark.ablation.Images;
import org.tdabench.benchmark.ablation.Ssim;
import org.tdabench.benchmark.ablation.SsimConfig;

class SsimWindowTest {
  @Test
  void smallImagesAverageTheWholeMapLargeOnesCropAsTheReference() {
    SsimConfig s16 = RunAnalysis.ssimFor(16);
    assertEquals(11, s16.window());
    assertFalse(s16.cropBorder(), "cropping a 16 px image keeps only its central 6 x 6 pixels");
    assertTrue(RunAnalysis.ssimFor(32).cropBorder());
    assertEquals(11, RunAnalysis.ssimFor(64).window());
    assertEquals(7, RunAnalysis.ssimFor(4).window(), "the largest window reflect padding allows");
  }

  @Test
  void aChangeAtTheBorderOfA16PixelImageIsSeen() {
    int side = 16;
    float[] a = new float[side * side * 3];
    float[] b = a.clone();
    for (int c = 0; c < 3; c++) {
      b[c] = 1f; // the top-left corner pixel
      b[(side - 1) * 3 + c] = 1f; // the top-right one
    }
    Images x = Images.fromSigned(1, side, side, 3, a);
    Images y = Images.fromSigned(1, side, side, 3, b);
    double full = 1 - new Ssim(RunAnalysis.ssimFor(side)).compute(x, 0, y, 0);
    double cropped = 1 - new Ssim(new SsimConfig(11, 1.5, 0.01, 0.03, 1.0, true)).compute(x, 0, y, 0);
    assertTrue(full > 20 * cropped, "the cropped average hardly sees the corners: " + full + " vs " + cropped);
  }
}
