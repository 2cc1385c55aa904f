package org.tdabench.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.core.UserError;
import org.tdabench.datasets.prepared.PreparedFormat;
import org.tdabench.datasets.procedural.ProceduralConfig;

/** The entry points, the cache, the on-disk layout and the one-line errors. */
class DatasetsTest {
  static final ProceduralConfig TINY = ProceduralConfig.of(30, 10, 8, 3);

  static void assertOneLine(UserError e, String... fragments) {
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + f + "' missing in: " + e.getMessage());
    }
  }

  @Test
  void unknownDatasetListsTheKnownNames() {
    UserError e = assertThrows(UserError.class, () -> DatasetRegistry.get("imagenet"));
    assertOneLine(e, "unknown dataset 'imagenet'", "cifar10", "artbench10", "coco", "fashion-mnist", "procedural");
    assertEquals("fashion-mnist", DatasetRegistry.get("Fashion_MNIST").name());
    assertEquals(List.of("procedural", "cifar10", "artbench10", "coco", "fashion-mnist"), DatasetRegistry.names());
  }

  @Test
  void unknownVariantAndMissingFromAreClear(@TempDir Path cache) {
    UserError e = assertThrows(UserError.class,
        () -> Datasets.prepare("cifar10", TestData.options(cache).withVariant("matlab")));
    assertOneLine(e, "unknown variant 'matlab'", "python, binary");
    e = assertThrows(UserError.class,
        () -> Datasets.prepare("cifar10", TestData.options(cache).withFrom(cache.resolve("nope.tar.gz"))));
    assertOneLine(e, "--from", "does not exist");
  }

  @Test
  void offlineWithoutSourcesSaysWhatToDo(@TempDir Path cache) {
    UserError e = assertThrows(UserError.class,
        () -> Datasets.prepare("cifar10", TestData.options(cache).withOffline(true)));
    assertOneLine(e, "cifar-10-python.tar.gz", "--offline", "tdabench fetch cifar10");
    assertEquals(List.of(), assertDoesNotThrowList(cache));
  }

  private static List<String> assertDoesNotThrowList(Path cache) {
    try {
      return TestData.preparedEntries(cache);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void unwritableCacheIsAOneLineError(@TempDir Path tmp) throws Exception {
    Path notAFolder = tmp.resolve("cache-file");
    Files.writeString(notAFolder, "x");
    UserError e = assertThrows(UserError.class, () -> Datasets.prepareProcedural(TINY, notAFolder));
    assertOneLine(e, "cannot write", "--cache", "TDABENCH_CACHE");
  }

  @Test
  void cacheFollowsOptionThenEnvironmentThenHome(@TempDir Path tmp) {
    assertEquals(tmp.toAbsolutePath().normalize(), CacheLayout.resolve(tmp).root());
    Path def = CacheLayout.resolve(null).root();
    String env = System.getenv(CacheLayout.ENV);
    if (env != null && !env.isBlank()) {
      assertEquals(Path.of(env).toAbsolutePath().normalize(), def);
    } else {
      assertTrue(def.endsWith("tdabench"), def.toString());
    }
  }

  @Test
  void layoutIsPlainRowMajorBytesAndLittleEndianFloats(@TempDir Path cache) throws Exception {
    Path folder = Datasets.prepareProcedural(TINY, cache);
    try (PreparedDataset d = PreparedDataset.open(folder)) {
      byte[] all = Files.readAllBytes(folder.resolve(PreparedFormat.IMAGES));
      int size = 8 * 8 * 3;
      assertEquals(40L * size, all.length);
      for (int row : new int[] {0, 17, 39}) {
        assertArrayEquals(java.util.Arrays.copyOfRange(all, row * size, (row + 1) * size), d.imageBytes(row));
      }
      ByteBuffer cond = ByteBuffer.wrap(Files.readAllBytes(folder.resolve(PreparedFormat.COND))).order(ByteOrder.LITTLE_ENDIAN);
      assertEquals(40 * 10 * 4, cond.capacity());
      assertEquals(1f, cond.getFloat((17 * 10 + d.label(17)) * 4));
      List<String> lines = Files.readAllLines(folder.resolve(PreparedFormat.INDEX));
      assertEquals(String.join(",", PreparedFormat.INDEX_COLUMNS), lines.get(0));
      assertTrue(lines.get(18).startsWith("\"17\",\"train\","), lines.get(18));
      assertEquals(List.of(40L, 8L, 8L, 3L), d.manifest().images().shape());
      assertTrue(d.manifest().images().doc().contains("np.memmap"));
      assertEquals(d.manifest().files().keySet(), java.util.Set.of("images.u8", "cond.f32", "index.csv"));
      // HWC floats in [-1, 1]
      float[] f = new float[d.imageSize() + 5];
      d.image(17, f, 5);
      assertEquals((all[17 * size] & 0xff) / 127.5f - 1f, f[5]);
      assertEquals((all[17 * size + 1] & 0xff) / 127.5f - 1f, f[6]);
    }
  }

  @Test
  void damagedFolderIsDetectedNotUsed(@TempDir Path cache) throws Exception {
    Path folder = Datasets.prepareProcedural(TINY, cache);
    try (FileChannel ch = FileChannel.open(folder.resolve(PreparedFormat.IMAGES), StandardOpenOption.WRITE)) {
      ch.truncate(100);
    }
    UserError e = assertThrows(UserError.class, () -> Datasets.prepareProcedural(TINY, cache));
    assertOneLine(e, "images.u8", "delete", "prepare");
    Path rebuilt = Datasets.prepare("procedural", TestData.options(cache).withProcedural(TINY).withForce(true));
    assertEquals(folder, rebuilt);
    try (PreparedDataset d = PreparedDataset.open(rebuilt)) {
      d.verifyChecksums();
    }
  }

  @Test
  void checksumVerificationFindsFlippedBytes(@TempDir Path cache) throws Exception {
    Path folder = Datasets.prepareProcedural(TINY, cache);
    byte[] b = Files.readAllBytes(folder.resolve(PreparedFormat.IMAGES));
    b[5] ^= 1;
    Files.write(folder.resolve(PreparedFormat.IMAGES), b);
    try (PreparedDataset d = PreparedDataset.open(folder)) {
      assertOneLine(assertThrows(UserError.class, d::verifyChecksums), "does not match its checksum");
    }
  }

  @Test
  void staleTemporariesOfKilledRunsAreRemoved(@TempDir Path cache) throws Exception {
    Path stale = cache.resolve("prepared/.procedural-generated-r8-abc.tmp-2147480000-0");
    Files.createDirectories(stale);
    Files.writeString(stale.resolve("images.u8"), "half");
    Datasets.prepareProcedural(TINY, cache);
    assertFalse(Files.exists(stale));
    List<String> entries = TestData.preparedEntries(cache);
    assertEquals(1, entries.size());
    assertTrue(entries.get(0).startsWith("procedural-generated-r8-"), entries.toString());
  }

  @Test
  void folderNamesFollowTheRecipe(@TempDir Path cache) {
    Path a = Datasets.prepareProcedural(TINY, cache);
    Path b = Datasets.prepareProcedural(TINY.withSizes(31, 10), cache);
    Path c = Datasets.prepareProcedural(TINY, cache);
    assertNotEquals(a, b);
    assertEquals(a, c);
  }
}
