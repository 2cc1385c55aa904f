package org.tdabench.methods.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tdabench.core.UserError;
import org.tdabench.methods.TestTasks;

class SigmaGridTest {

  @Test
  void uniformIsDtraksTimestepGridAsSigmas() {
    // t = 0, 100, .., 900 of the DDPM linear schedule: sigma_t = sqrt((1 - abar_t) / abar_t)
    // (numpy: cumprod(1 - linspace(1e-4, 0.02, 1000))).
    double[] want = {0.0100, 0.3423, 0.7236, 1.2402, 2.0411, 3.4430, 6.1735, 12.0248, 25.7360, 60.8223};
    double[] s = SigmaGrid.of("uniform", 10, TestTasks.spec());
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], s[i], 5e-3 * want[i], "sigma " + i);
    }
  }

  @Test
  void retracIsItsLinspaceOfTheClippedCosineSchedule() {
    // t = int(linspace(1, 999, 10)) of ReTrac's cosine schedule, betas clipped to [1e-4, 0.02].
    double[] want = {0.0141, 0.1898, 0.3767, 0.5901, 0.8527, 1.2072, 1.7512, 2.7747, 5.7241, 17.6637};
    double[] s = SigmaGrid.of("retrac", 10, TestTasks.spec());
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], s[i], 5e-3 * want[i], "sigma " + i);
    }
  }

  @Test
  void trainingQuantilesStayInsideTheTrainedRange() {
    double[] s = SigmaGrid.of("training", 10, TestTasks.spec());
    assertEquals(0.042, s[0], 1e-3);
    assertEquals(2.17, s[9], 1e-2);
    for (int i = 1; i < s.length; i++) {
      assertTrue(s[i] > s[i - 1]);
    }
  }

  @Test
  void anUnknownGridIsAOneLineErrorListingTheKinds() {
    UserError e = assertThrows(UserError.class, () -> SigmaGrid.of("cosine", 4, TestTasks.spec()));
    assertTrue(e.getMessage().contains("uniform, retrac, training, karras"), e.getMessage());
  }
}
