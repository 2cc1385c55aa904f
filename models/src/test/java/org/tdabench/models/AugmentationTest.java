package org.tdabench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tdabench.core.CounterRng;
import org.tdabench.models.train.Augmentation;

class AugmentationTest {
  static final int H = 8;
  static final int W = 8;
  static final int C = 3;

  static float[] image(long seed) {
    float[] x = new float[H * W * C];
    CounterRng r = new CounterRng(seed);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (2 * r.nextDouble() - 1);
    }
    return x;
  }

  @Test
  void withoutGeometricAugmentationOnlyHalfTheImagesAreFlippedAndTheFlagStaysZero() {
    Augmentation aug = new Augmentation(0.0);
    int flipped = 0;
    for (int k = 0; k < 400; k++) {
      float[] x = image(k);
      float[] y = x.clone();
      assertEquals(0, aug.apply(y, 0, H, W, C, new CounterRng(1000 + k)));
      if (!java.util.Arrays.equals(x, y)) {
        flipped++;
        // A horizontal flip: pixel (r, c) comes from (r, W - 1 - c).
        for (int r = 0; r < H; r++) {
          for (int c = 0; c < W; c++) {
            for (int ch = 0; ch < C; ch++) {
              assertEquals(x[(r * W + (W - 1 - c)) * C + ch], y[(r * W + c) * C + ch]);
            }
          }
        }
      }
    }
    assertEquals(200, flipped, 40, "x-flip fires with a 50/50 coin");
  }

  @Test
  void theFlagFiresAsOftenAsFourIndependentTransformsOfProbabilityP() {
    double p = 0.12;
    Augmentation aug = new Augmentation(p);
    int flagged = 0;
    int n = 4000;
    for (int k = 0; k < n; k++) {
      float[] x = image(k % 50);
      flagged += aug.apply(x, 0, H, W, C, new CounterRng(77_000 + k));
    }
    double expected = 1 - Math.pow(1 - p, 4); // ~0.40, sony/mucs
    assertEquals(expected, flagged / (double) n, 0.03);
  }

  @Test
  void augmentedPixelsStayInTheInputRangeAndTheDrawIsReproducible() {
    Augmentation aug = new Augmentation(1.0); // every geometric transform fires
    float[] a = image(3);
    float[] b = a.clone();
    assertEquals(1, aug.apply(a, 0, H, W, C, new CounterRng(5)));
    assertEquals(1, aug.apply(b, 0, H, W, C, new CounterRng(5)));
    assertArrayEquals(a, b);
    for (float v : a) {
      assertTrue(v >= -1.0001f && v <= 1.0001f, "bilinear resampling cannot leave the input's range: " + v);
    }
  }

  @Test
  void augmentsTheImageAtItsOffsetOnly() {
    Augmentation aug = new Augmentation(1.0);
    float[] batch = new float[3 * H * W * C];
    float[] img = image(9);
    System.arraycopy(img, 0, batch, H * W * C, img.length);
    float[] before = batch.clone();
    aug.apply(batch, H * W * C, H, W, C, new CounterRng(11));
    for (int i = 0; i < H * W * C; i++) {
      assertEquals(before[i], batch[i]);
      assertEquals(before[2 * H * W * C + i], batch[2 * H * W * C + i]);
    }
  }
}
