package org.tdabench.datasets.fashion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.core.UserError;
import org.tdabench.datasets.Datasets;
import org.tdabench.datasets.PrepareOptions;
import org.tdabench.datasets.PreparedDataset;
import org.tdabench.datasets.Split;
import org.tdabench.datasets.TestData;
import org.tdabench.datasets.image.PilResize;
import org.tdabench.datasets.image.PixelImage;

class FashionMnistTest {

  /** Writes four small IDX gz files in the upstream layout and returns the folder. */
  static Path writeIdx(Path dir, int train, int test) throws Exception {
    TestData.writeIdxGz(dir.resolve("train-images-idx3-ubyte.gz"), new int[] {train, 28, 28}, TestData.pattern(train * 784, 1));
    TestData.writeIdxGz(dir.resolve("train-labels-idx1-ubyte.gz"), new int[] {train}, labels(train, 0));
    TestData.writeIdxGz(dir.resolve("t10k-images-idx3-ubyte.gz"), new int[] {test, 28, 28}, TestData.pattern(test * 784, 2));
    TestData.writeIdxGz(dir.resolve("t10k-labels-idx1-ubyte.gz"), new int[] {test}, labels(test, 5));
    return dir;
  }

  static byte[] labels(int n, int shift) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ((i + shift) % 10);
    }
    return b;
  }

  static PrepareOptions trustingAll(Path cache, Path dir) throws Exception {
    return TestData.trusting(TestData.options(cache), dir.resolve("train-images-idx3-ubyte.gz"),
        dir.resolve("train-labels-idx1-ubyte.gz"), dir.resolve("t10k-images-idx3-ubyte.gz"),
        dir.resolve("t10k-labels-idx1-ubyte.gz")).withFrom(dir).withOffline(true);
  }

  @Test
  void idxFilesArePreparedPixelForPixel(@TempDir Path cache, @TempDir Path dir) throws Exception {
    writeIdx(dir, 12, 5);
    try (PreparedDataset d = PreparedDataset.open(Datasets.prepare("fashion-mnist", trustingAll(cache, dir)))) {
      assertEquals(17, d.size());
      assertEquals(12, d.count(Split.TRAIN));
      assertEquals(1, d.channels());
      assertEquals(28, d.resolution());
      assertEquals(FashionMnistSource.CLASSES, d.classNames());
      byte[] train = TestData.pattern(12 * 784, 1);
      byte[] test = TestData.pattern(5 * 784, 2);
      for (int r = 0; r < 17; r++) {
        byte[] src = r < 12 ? train : test;
        int i = r < 12 ? r : r - 12;
        assertArrayEquals(java.util.Arrays.copyOfRange(src, i * 784, (i + 1) * 784), d.imageBytes(r));
        assertEquals(r < 12 ? i % 10 : (i + 5) % 10, d.label(r));
      }
      assertEquals("t10k-images-idx3-ubyte.gz#0", d.source(12));
    }
  }

  @Test
  void resizedToAnotherResolution(@TempDir Path cache, @TempDir Path dir) throws Exception {
    writeIdx(dir, 10, 2);
    try (PreparedDataset d = PreparedDataset.open(Datasets.prepare("fashion-mnist", trustingAll(cache, dir).withResolution(32)))) {
      byte[] px = java.util.Arrays.copyOfRange(TestData.pattern(10 * 784, 1), 784, 2 * 784);
      assertArrayEquals(PilResize.resize(new PixelImage(28, 28, 1, px), 32, 32).data(), d.imageBytes(1));
    }
  }

  @Test
  void mismatchedCountsAreAClearError(@TempDir Path cache, @TempDir Path dir) throws Exception {
    writeIdx(dir, 10, 2);
    TestData.writeIdxGz(dir.resolve("train-labels-idx1-ubyte.gz"), new int[] {9}, labels(9, 0));
    UserError e = assertThrows(UserError.class, () -> Datasets.prepare("fashion-mnist", trustingAll(cache, dir)));
    assertTrue(e.getMessage().contains("do not match"), e.getMessage());
    assertEquals(List.of(), TestData.preparedEntries(cache));
  }

  @Test
  void wrongFilesFailVerification(@TempDir Path cache, @TempDir Path dir) throws Exception {
    writeIdx(dir, 10, 2); // not the real Fashion-MNIST: the pinned checksums reject it
    PrepareOptions o = TestData.options(cache).withFrom(dir).withOffline(true);
    UserError e = assertThrows(UserError.class, () -> Datasets.prepare("fashion-mnist", o));
    assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
    assertEquals(List.of(), TestData.preparedEntries(cache));
  }

  /**
   * The real data where Debian's dataset-fashion-mnist is installed. Expected values computed with
   * numpy from the installed files: 60,000/10,000 images, 6,000/1,000 per class, pixel sum
   * 3,431,114,169 (train) + 573,469,082 (test), i.e. a train mean of 0.2860 x 255 (the well-known
   * normalisation constant); the first training image is an ankle boot whose pixels sum to 76,247.
   */
  @Test
  void debianPackageWhereInstalled(@TempDir Path cache) {
    Path dir = Path.of(FashionMnistSource.DEBIAN_DIR);
    Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz")),
        "Debian's dataset-fashion-mnist is not installed (apt-get install dataset-fashion-mnist); skipping");
    Path folder = Datasets.prepare("fashion-mnist", TestData.options(cache).withOffline(true));
    try (PreparedDataset d = PreparedDataset.open(folder)) {
      assertEquals(60000, d.count(Split.TRAIN));
      assertEquals(10000, d.count(Split.TEST));
      assertEquals(3431114169L + 573469082L, d.manifest().stats().pixelSum().get(0));
      int[] perClass = new int[10];
      for (int r : d.rows(Split.TRAIN)) {
        perClass[d.label(r)]++;
      }
      for (int c : perClass) {
        assertEquals(6000, c);
      }
      assertEquals(9, d.label(0));
      assertEquals("Ankle boot", d.caption(0));
      long s = 0;
      for (byte b : d.imageBytes(0)) {
        s += b & 0xff;
      }
      assertEquals(76247, s);
      assertTrue(d.manifest().sources().stream().allMatch(x -> x.verifiedAgainst().contains("sha256")));
    }
  }
}
