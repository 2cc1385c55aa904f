package org.tdabench.datasets.artbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.core.UserError;
import org.tdabench.datasets.Datasets;
import org.tdabench.datasets.PrepareOptions;
import org.tdabench.datasets.PreparedDataset;
import org.tdabench.datasets.Split;
import org.tdabench.datasets.TestData;
import org.tdabench.datasets.cifar.CifarArchive;
import org.tdabench.datasets.image.ImageDecoder;
import org.tdabench.datasets.image.PilResize;
import org.tdabench.datasets.image.PixelImage;
import org.tdabench.datasets.prepared.PreparedFormat;

class ArtBenchTest {
  static final String HEADER = "name,artist,url,is_public_domain,length,width,label,split,cifar_index";

  /** One metadata row: a file of a style in a split. */
  record Row(String name, String style, String split) {}

  /** Rows in an order where styles do NOT appear alphabetically, and a name with a comma. */
  static List<Row> rows() {
    return List.of(
        new Row("zdzislaw-beksinski_untitled.jpg", "surrealism", "train"),
        new Row("claude-monet_water-lilies, 1916.jpg", "impressionism", "train"),
        new Row("hokusai_wave.jpg", "ukiyo_e", "test"),
        new Row("alphonse-mucha_job.jpg", "art_nouveau", "train"),
        new Row("caravaggio_bacchus.jpg", "baroque", "train"),
        new Row("egon-schiele_portrait.jpg", "expressionism", "test"),
        new Row("raphael_school.jpg", "renaissance", "train"));
  }

  static String csv(List<Row> rows) {
    StringBuilder sb = new StringBuilder(HEADER + "\n");
    int i = 0;
    for (Row r : rows) {
      String name = r.name().contains(",") ? "\"" + r.name() + "\"" : r.name();
      sb.append(name).append(",someone,https://example.org/").append(i).append(",True,256,256,")
          .append(r.style()).append(',').append(r.split()).append(',').append(i++).append('\n');
    }
    return sb.toString();
  }

  /** Non-square sources exercise the shorter-side resize and the centre square. */
  static PixelImage source(int i) {
    return TestData.picture(i % 2 == 0 ? 32 : 40, 32, i);
  }

  /** Writes the extracted tree {@code dir/train|test/<style>/<name>} plus metadata.csv; returns JPEG bytes by name. */
  static Map<String, byte[]> writeTree(Path dir, List<Row> rows) throws Exception {
    Map<String, byte[]> jpegs = new LinkedHashMap<>();
    int i = 0;
    for (Row r : rows) {
      byte[] j = TestData.jpeg(source(i++));
      Path p = dir.resolve(r.split()).resolve(r.style()).resolve(r.name());
      Files.createDirectories(p.getParent());
      Files.write(p, j);
      jpegs.put(r.name(), j);
    }
    Files.writeString(dir.resolve("metadata.csv"), csv(rows), StandardCharsets.UTF_8);
    return jpegs;
  }

  static PrepareOptions options(Path cache, Path from, Path csv) throws Exception {
    return TestData.trusting(TestData.options(cache).withFrom(from).withResolution(16).withOffline(true));
  }

  static PixelImage expected(byte[] jpeg, int r) {
    PixelImage img = PilResize.shorterSide(ImageDecoder.decodeRgb(jpeg, "test", "-"), r);
    return img.height() == r && img.width() == r ? img : img.centerCrop(r);
  }

  @Test
  void imageFolderIsPreparedInPinnedClassOrder(@TempDir Path cache, @TempDir Path tree) throws Exception {
    Map<String, byte[]> jpegs = writeTree(tree, rows());
    try (PreparedDataset d = PreparedDataset.open(Datasets.prepare("artbench10", options(cache, tree, null)))) {
      assertEquals(ArtBenchMetadata.STYLES, d.classNames());
      assertEquals(7, d.size());
      assertEquals(5, d.count(Split.TRAIN));
      assertEquals(16, d.resolution());
      // train rows in CSV order, then test rows in CSV order
      List<Row> order = new ArrayList<>(rows().stream().filter(r -> r.split().equals("train")).toList());
      order.addAll(rows().stream().filter(r -> r.split().equals("test")).toList());
      for (int row = 0; row < order.size(); row++) {
        Row r = order.get(row);
        assertEquals(ArtBenchMetadata.STYLES.indexOf(r.style()), d.label(row));
        assertEquals(r.style(), d.caption(row));
        assertEquals(r.split() + "/" + r.style() + "/" + r.name(), d.source(row));
        assertArrayEquals(expected(jpegs.get(r.name()), 16).data(), d.imageBytes(row), "row " + row);
      }
      assertEquals(8, d.label(0)); // surrealism comes first in the CSV but is style 8
      assertTrue(d.manifest().notes().stream().anyMatch(n -> n.contains("prepared: train 5, test 2")));
      assertEquals("folder", d.manifest().variant());
    }
  }

  @Test
  void tarGivesTheSameResultAsTheExtractedFolder(@TempDir Path cache, @TempDir Path tree, @TempDir Path dl)
      throws Exception {
    Map<String, byte[]> jpegs = writeTree(tree, rows());
    Map<String, byte[]> members = new LinkedHashMap<>();
    for (Row r : rows()) {
      members.put("artbench-10-imagefolder-split/" + r.split() + "/" + r.style() + "/" + r.name(), jpegs.get(r.name()));
    }
    Path tar = dl.resolve("artbench-10-imagefolder-split.tar");
    TestData.writeTar(tar, members, false);
    Files.copy(tree.resolve("metadata.csv"), dl.resolve("ArtBench-10.csv"));
    Path a = Datasets.prepare("artbench10", options(cache, tree, null));
    Path b = Datasets.prepare("artbench10", options(cache, tar, null).withForce(true));
    assertArrayEquals(Files.readAllBytes(a.resolve(PreparedFormat.IMAGES)), Files.readAllBytes(b.resolve(PreparedFormat.IMAGES)));
    try (PreparedDataset d = PreparedDataset.open(b)) {
      assertTrue(d.manifest().sources().stream().anyMatch(s -> s.file().equals("artbench-10-imagefolder-split.tar")
          && s.verifiedAgainst().startsWith("first use")), d.manifest().sources().toString());
    }
  }

  @Test
  void fetchAdoptsAnExtractedTreeAndItsMetadata(@TempDir Path cache, @TempDir Path tree) throws Exception {
    writeTree(tree, rows());
    List<org.tdabench.datasets.fetch.VerifiedFile> got = Datasets.fetch("artbench10", options(cache, tree, null));
    assertEquals(2, got.size());
    assertEquals("ArtBench-10.csv", got.get(0).fileName());
    assertTrue(got.get(0).verifiedAgainst().startsWith("first use"), got.get(0).verifiedAgainst());
    assertTrue(got.get(1).verifiedAgainst().startsWith("extracted folder"), got.get(1).verifiedAgainst());
    assertTrue(Files.isRegularFile(cache.resolve("downloads/artbench10/ArtBench-10.csv.verified.json")));
    // later, prepare finds both in the cache without --from
    PrepareOptions offline = TestData.options(cache).withResolution(16).withOffline(true);
    try (PreparedDataset d = PreparedDataset.open(Datasets.prepare("artbench10", offline))) {
      assertEquals(7, d.size());
    }
  }

  @Test
  void missingImagesAreSkippedAndRecorded(@TempDir Path cache, @TempDir Path tree) throws Exception {
    List<Row> rows = new ArrayList<>(rows());
    for (int i = 0; i < 8; i++) {
      rows.add(new Row("extra_" + i + ".jpg", "realism", i % 4 == 0 ? "test" : "train"));
    }
    writeTree(tree, rows);
    Files.delete(tree.resolve("train/realism/extra_1.jpg"));
    try (PreparedDataset d = PreparedDataset.open(Datasets.prepare("artbench10", options(cache, tree, null)))) {
      assertEquals(14, d.size());
      assertTrue(d.manifest().notes().stream().anyMatch(n -> n.startsWith("Skipped 1 rows") && n.contains("extra_1.jpg")),
          d.manifest().notes().toString());
    }
  }

  @Test
  void malformedMetadataIsAOneLineError(@TempDir Path tree, @TempDir Path caches) throws Exception {
    writeTree(tree, rows());
    Map<String, String> cases = Map.of(
        HEADER + "\na.jpg,x,u,True,256,256,cubism,train,0\n", "line 2",
        HEADER + "\na.jpg,x,u,True,256\n", "fields",
        "file,style\na.jpg,baroque\n", "no 'name' column",
        HEADER + "\n\"a.jpg,x,u,True,256,256,baroque,train,0\n", "metadata");
    int k = 0;
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Path cache = caches.resolve("c" + k++); // a fresh cache: the first CSV's hash would be recorded otherwise
      Files.writeString(tree.resolve("metadata.csv"), c.getKey());
      UserError e = assertThrows(UserError.class, () -> Datasets.prepare("artbench10", options(cache, tree, null)));
      assertTrue(e.getMessage().contains(c.getValue()) && e.getMessage().contains("metadata"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
      assertEquals(List.of(), TestData.preparedEntries(cache));
    }
  }

  @Test
  void anotherCopyOfAFirstUseFileIsRejected(@TempDir Path cache, @TempDir Path tree) throws Exception {
    writeTree(tree, rows());
    Datasets.prepare("artbench10", options(cache, tree, null));
    Files.writeString(tree.resolve("metadata.csv"), csv(rows().subList(0, 6)));
    UserError e = assertThrows(UserError.class,
        () -> Datasets.prepare("artbench10", options(cache, tree, null).withForce(true)));
    assertTrue(e.getMessage().contains("first used here") && e.getMessage().contains(".verified.json"), e.getMessage());
  }

  @Test
  void undecodableImageIsAOneLineError(@TempDir Path cache, @TempDir Path tree) throws Exception {
    writeTree(tree, rows());
    Files.write(tree.resolve("train/baroque/caravaggio_bacchus.jpg"), new byte[] {1, 2, 3, 4});
    UserError e = assertThrows(UserError.class, () -> Datasets.prepare("artbench10", options(cache, tree, null)));
    assertTrue(e.getMessage().contains("cannot decode image") && e.getMessage().contains("caravaggio_bacchus.jpg"),
        e.getMessage());
    assertEquals(List.of(), TestData.preparedEntries(cache));
  }

  @Test
  void pythonArchiveIsRemappedToThePinnedOrder(@TempDir Path cache, @TempDir Path dir) throws Exception {
    TestData.Cifar c = TestData.cifarContents(2, 3, 10);
    List<String> shuffled = new ArrayList<>(ArtBenchMetadata.STYLES);
    java.util.Collections.reverse(shuffled);
    Path tgz = dir.resolve("artbench-10-python.tar.gz");
    TestData.writeCifarPython(tgz, c, "artbench-10-batches-py", "meta", "styles", shuffled, List.of());
    PrepareOptions o = TestData.trusting(TestData.options(cache), tgz).withFrom(tgz);
    try (PreparedDataset d = PreparedDataset.open(Datasets.prepare("artbench10", o))) {
      assertEquals("python", d.manifest().variant());
      assertEquals(32, d.resolution());
      for (int i = 0; i < 10; i++) {
        assertEquals(9 - c.trainLabels()[i], d.label(i));
        assertArrayEquals(PixelImage.fromPlanar(c.trainPlanar(), i * CifarArchive.IMAGE_BYTES, 32, 32, 3).data(),
            d.imageBytes(i));
      }
    }
  }
}
