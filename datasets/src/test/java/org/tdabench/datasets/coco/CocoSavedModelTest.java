package org.tdabench.datasets.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.datasets.Datasets;
import org.tdabench.datasets.PreparedDataset;
import org.tdabench.datasets.text.SavedModelTextEncoderTest;
import org.tdabench.datasets.text.TextEncoderSpec;

/** COCO conditioned by a SavedModel text encoder (captions embedded in batches per chunk). */
class CocoSavedModelTest {

  @Test
  void captionsAreEmbeddedByTheModel(@TempDir Path cache, @TempDir Path dir, @TempDir Path tmp) throws Exception {
    CocoTest.writeCoco(dir);
    Path model = tmp.resolve("encoder");
    SavedModelTextEncoderTest.export(model); // caption -> length(caption) * [1, 2, 3, 4]
    try (PreparedDataset d = PreparedDataset.open(Datasets.prepare("coco",
        CocoTest.options(cache, dir).withText(TextEncoderSpec.savedModel(model))))) {
      assertEquals(4, d.condDim());
      for (int row = 0; row < d.size(); row++) {
        for (int k = 0; k < d.captionCount(row); k++) {
          float n = d.caption(row, k).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
          assertArrayEquals(new float[] {n, 2 * n, 3 * n, 4 * n}, d.captionCond(row, k), "row " + row + " caption " + k);
        }
        float n0 = d.caption(row).length();
        assertArrayEquals(new float[] {n0, 2 * n0, 3 * n0, 4 * n0}, d.cond(row));
      }
      assertEquals("savedmodel", d.manifest().cond().encoder().get("kind"));
    }
  }
}
