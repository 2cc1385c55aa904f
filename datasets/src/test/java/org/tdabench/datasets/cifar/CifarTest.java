package org.tdabench.datasets.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
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
import org.tdabench.datasets.prepared.PreparedFormat;

class CifarTest {
  static final int PER_BATCH = 4;
  static final int TEST = 5;
  static TestData.Cifar contents;
  @TempDir static Path archives;
  static Path python;
  static Path binary;

  @BeforeAll
  static void writeArchives() throws Exception {
    contents = TestData.cifarContents(PER_BATCH, TEST, 10);
    Files.createDirectories(archives.resolve("py"));
    Files.createDirectories(archives.resolve("bin"));
    python = archives.resolve("py/cifar-10-python.tar.gz");
    binary = archives.resolve("bin/cifar-10-binary.tar.gz");
    TestData.writeCifarPython(python, contents, "cifar-10-batches-py", "batches.meta", "label_names",
        Cifar10Source.CLASSES, List.of());
    TestData.writeCifarBinary(binary, contents, "cifar-10-batches-bin", Cifar10Source.CLASSES);
  }

  private static PrepareOptions opts(Path cache, Path from) throws Exception {
    return TestData.trusting(TestData.options(cache), python, binary).withFrom(from);
  }

  @Test
  void pythonArchiveIsPreparedPixelForPixel(@TempDir Path cache) throws Exception {
    Path folder = Datasets.prepare("cifar10", opts(cache, python));
    try (PreparedDataset d = PreparedDataset.open(folder)) {
      int n = PER_BATCH * 5;
      assertEquals(n + TEST, d.size());
      assertEquals(n, d.count(Split.TRAIN));
      assertEquals(TEST, d.count(Split.TEST));
      assertEquals(32, d.resolution());
      assertEquals(3, d.channels());
      assertEquals(10, d.condDim());
      assertEquals(Cifar10Source.CLASSES, d.classNames());
      assertEquals("python", d.manifest().variant());
      for (int row = 0; row < d.size(); row++) {
        boolean train = row < n;
        int i = train ? row : row - n;
        byte[] planar = train ? contents.trainPlanar() : contents.testPlanar();
        int label = train ? contents.trainLabels()[i] : contents.testLabels()[i];
        PixelImage expected = PixelImage.fromPlanar(planar, i * 3072, 32, 32, 3);
        assertArrayEquals(expected.data(), d.imageBytes(row), "row " + row);
        assertEquals(row, d.id(row));
        assertEquals(label, d.label(row));
        assertEquals(Cifar10Source.CLASSES.get(label), d.caption(row));
        float[] cond = d.cond(row);
        assertEquals(1f, cond[label]);
        assertEquals(1f, sum(cond));
        assertEquals(-1, d.duplicateGroup(row));
      }
      // batch order is 1..5 whatever the tar order; the source column names the member
      assertEquals("cifar-10-python.tar.gz:data_batch_1#0:img_1_0.png", d.source(0));
      assertEquals("cifar-10-python.tar.gz:data_batch_2#0:img_2_0.png", d.source(PER_BATCH));
      assertEquals("cifar-10-python.tar.gz:test_batch#0:test_0.png", d.source(n));
      // pixel (0, 0) of image 0 as floats: x / 127.5 - 1, red channel first
      float[] img = new float[d.imageSize()];
      d.image(0, img, 0);
      assertEquals((contents.trainPlanar()[0] & 0xff) / 127.5f - 1f, img[0]);
      assertEquals((contents.trainPlanar()[1024] & 0xff) / 127.5f - 1f, img[1]);
      assertEquals(1, d.manifest().sources().size());
      // the test archive is admitted by the SHA-256 the test gives, and the manifest says so
      assertEquals(org.tdabench.datasets.fetch.Verifier.USER_SHA256, d.manifest().sources().get(0).verifiedAgainst());
      d.verifyChecksums();
    }
  }

  @Test
  void binaryArchiveGivesTheSameImagesAndConditioning(@TempDir Path cache) throws Exception {
    Path py = Datasets.prepare("cifar10", opts(cache, python));
    Path bin = Datasets.prepare("cifar10", opts(cache, binary));
    assertFalse(py.equals(bin));
    assertArrayEquals(Files.readAllBytes(py.resolve(PreparedFormat.IMAGES)), Files.readAllBytes(bin.resolve(PreparedFormat.IMAGES)));
    assertArrayEquals(Files.readAllBytes(py.resolve(PreparedFormat.COND)), Files.readAllBytes(bin.resolve(PreparedFormat.COND)));
    try (PreparedDataset d = PreparedDataset.open(bin)) {
      assertEquals("binary", d.manifest().variant());
      assertEquals("cifar-10-binary.tar.gz:data_batch_1.bin#0", d.source(0));
    }
  }

  @Test
  void preparingAgainReusesTheFolderAndIsDeterministic(@TempDir Path cache, @TempDir Path cache2) throws Exception {
    Path a = Datasets.prepare("cifar10", opts(cache, python));
    long stamp = Files.getLastModifiedTime(a.resolve(PreparedFormat.MANIFEST)).toMillis();
    Path again = Datasets.prepare("cifar10", opts(cache, null).withOffline(true)); // from the download cache
    assertEquals(a, again);
    assertEquals(stamp, Files.getLastModifiedTime(again.resolve(PreparedFormat.MANIFEST)).toMillis());
    Path b = Datasets.prepare("cifar10", opts(cache2, python));
    assertEquals(a.getFileName(), b.getFileName());
    for (String f : List.of(PreparedFormat.IMAGES, PreparedFormat.COND, PreparedFormat.INDEX)) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
  }

  @Test
  void otherResolutionsUsePillowBilinear(@TempDir Path cache) throws Exception {
    Path folder = Datasets.prepare("cifar10", opts(cache, python).withResolution(16));
    try (PreparedDataset d = PreparedDataset.open(folder)) {
      assertEquals(16, d.resolution());
      PixelImage src = PixelImage.fromPlanar(contents.trainPlanar(), 3 * 3072, 32, 32, 3);
      assertArrayEquals(PilResize.resize(src, 16, 16).data(), d.imageBytes(3));
    }
  }

  @Test
  void fetchTakesARenamedArchiveWithoutDownloading(@TempDir Path cache, @TempDir Path dir) throws Exception {
    Path renamed = dir.resolve("my-cifar.tgz");
    Files.copy(binary, renamed);
    // a mirror nobody answers on: any download attempt would fail the fetch
    PrepareOptions o = opts(cache, renamed).withFetch(opts(cache, renamed).fetch().withAttempts(1)
        .withMirror(java.net.URI.create("http://127.0.0.1:9/")));
    List<org.tdabench.datasets.fetch.VerifiedFile> got = Datasets.fetch("cifar10", o);
    assertEquals(1, got.size());
    assertEquals("cifar-10-binary.tar.gz", got.get(0).fileName());
    assertEquals(-1, Files.mismatch(binary, cache.resolve("downloads/cifar10/cifar-10-binary.tar.gz")));
  }

  @Test
  void wrongChecksumIsAOneLineErrorAndLeavesNothing(@TempDir Path cache) {
    // the real pinned checksums: the test archive is not the real CIFAR-10
    PrepareOptions o = TestData.options(cache).withFrom(python);
    UserError e = assertThrows(UserError.class, () -> Datasets.prepare("cifar10", o));
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    assertTrue(e.getMessage().contains("cifar-10-python.tar.gz"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertFalse(Files.exists(cache.resolve("downloads/cifar10/cifar-10-python.tar.gz")));
  }

  @Test
  void missingMemberIsAClearError(@TempDir Path cache, @TempDir Path dir) throws Exception {
    Path broken = dir.resolve("cifar-10-python.tar.gz");
    TestData.writeCifarPython(broken, contents, "cifar-10-batches-py", "batches.meta", "label_names",
        Cifar10Source.CLASSES, List.of("data_batch_3"));
    PrepareOptions o = TestData.trusting(TestData.options(cache), broken).withFrom(broken);
    UserError e = assertThrows(UserError.class, () -> Datasets.prepare("cifar10", o));
    assertTrue(e.getMessage().contains("lacks the member data_batch_3"), e.getMessage());
    assertEquals(List.of(), TestData.preparedEntries(cache));
  }

  @Test
  void truncatedArchiveIsAClearError(@TempDir Path cache, @TempDir Path dir) throws Exception {
    byte[] all = Files.readAllBytes(binary);
    Path cut = dir.resolve("cifar-10-binary.tar.gz");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
    PrepareOptions o = TestData.trusting(TestData.options(cache), cut).withFrom(cut).withVariant("binary");
    UserError e = assertThrows(UserError.class, () -> Datasets.prepare("cifar10", o));
    assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertEquals(List.of(), TestData.preparedEntries(cache));
  }

  @Test
  void corruptPickleIsAClearError(@TempDir Path cache, @TempDir Path dir) throws Exception {
    Path bad = dir.resolve("cifar-10-python.tar.gz");
    java.util.Map<String, byte[]> m = new java.util.LinkedHashMap<>();
    for (String b : List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch")) {
      m.put("cifar-10-batches-py/" + b, new byte[] {(byte) 0x80, 2, 'X', 'Y'});
    }
    TestData.writeTar(bad, m, true);
    PrepareOptions o = TestData.trusting(TestData.options(cache), bad).withFrom(bad);
    UserError e = assertThrows(UserError.class, () -> Datasets.prepare("cifar10", o));
    assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
  }

  private static float sum(float[] v) {
    float s = 0;
    for (float f : v) {
      s += f;
    }
    return s;
  }
}
