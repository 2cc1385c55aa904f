package org.tdabench.datasets.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
import org.tdabench.datasets.image.CenterCrop;
import org.tdabench.datasets.image.ImageDecoder;
import org.tdabench.datasets.image.PilResize;
import org.tdabench.datasets.image.PixelImage;
import org.tdabench.datasets.text.HashedNgramEncoder;
import org.tdabench.datasets.text.TextEncoderSpec;

class CocoTest {
  static final int R = 8;

  /** An image entry of the fixture: id, size, captions (annotation id, text). */
  record Img(long id, int h, int w, List<String> captions) {}

  static final List<Img> TRAIN = List.of(
      new Img(139, 24, 32, List.of("A woman stands in the dining area.", "A kitchen, with a woman.", "third")),
      new Img(9, 30, 20, List.of("Closeup of bins of food", "A meal in a box")),
      new Img(25, 16, 16, List.of("A giraffe eating food from a tree.")));
  static final List<Img> VAL = List.of(
      new Img(632, 20, 36, List.of("Bedroom scene with a bookcase", "A bed, books and a window")),
      new Img(285, 32, 24, List.of("A big brown bear")));

  static String fileName(long id) {
    return String.format("%012d.jpg", id);
  }

  /** captions_*.json text; annotation ids are 1000 * image id + k, listed interleaved across images. */
  static String json(List<Img> imgs) {
    StringBuilder im = new StringBuilder();
    StringBuilder an = new StringBuilder();
    for (Img i : imgs) {
      im.append(im.length() == 0 ? "" : ",").append("{\"license\":1,\"file_name\":\"").append(fileName(i.id()))
          .append("\",\"height\":").append(i.h()).append(",\"width\":").append(i.w()).append(",\"id\":").append(i.id())
          .append('}');
    }
    for (int k = 0; k < 3; k++) {
      for (Img i : imgs) {
        if (k < i.captions().size()) {
          an.append(an.length() == 0 ? "" : ",").append("{\"image_id\":").append(i.id()).append(",\"id\":")
              .append(1000 * i.id() + k).append(",\"caption\":\"").append(i.captions().get(k)).append("\"}");
        }
      }
    }
    return "{\"info\":{\"year\":2017},\"licenses\":[],\"images\":[" + im + "],\"annotations\":[" + an + "]}";
  }

  /** Writes annotations_trainval2017.zip, train2017.zip and val2017.zip into {@code dir}; returns JPEGs by id. */
  static Map<Long, byte[]> writeCoco(Path dir) throws Exception {
    Map<Long, byte[]> jpegs = new LinkedHashMap<>();
    for (List<Img> split : List.of(TRAIN, VAL)) {
      Map<String, byte[]> members = new LinkedHashMap<>();
      String folder = split == TRAIN ? "train2017/" : "val2017/";
      for (Img i : split) {
        byte[] j = TestData.jpeg(TestData.picture(i.h(), i.w(), (int) i.id()));
        jpegs.put(i.id(), j);
        members.put(folder + fileName(i.id()), j);
      }
      TestData.writeZip(dir.resolve(split == TRAIN ? "train2017.zip" : "val2017.zip"), members);
    }
    Map<String, byte[]> ann = new LinkedHashMap<>();
    ann.put("annotations/captions_train2017.json", json(TRAIN).getBytes(StandardCharsets.UTF_8));
    ann.put("annotations/captions_val2017.json", json(VAL).getBytes(StandardCharsets.UTF_8));
    ann.put("annotations/instances_val2017.json", "{}".getBytes(StandardCharsets.UTF_8));
    TestData.writeZip(dir.resolve("annotations_trainval2017.zip"), ann);
    return jpegs;
  }

  static PrepareOptions options(Path cache, Path dir) throws Exception {
    return TestData.trusting(TestData.options(cache), dir.resolve("annotations_trainval2017.zip"),
        dir.resolve("train2017.zip"), dir.resolve("val2017.zip")).withFrom(dir).withResolution(R).withOffline(true)
        .withText(TextEncoderSpec.hashed(32));
  }

  @Test
  void zipsArePreparedNonSquareWithEveryCaption(@TempDir Path cache, @TempDir Path dir) throws Exception {
    Map<Long, byte[]> jpegs = writeCoco(dir);
    HashedNgramEncoder enc = new HashedNgramEncoder(32, 2, 0);
    try (PreparedDataset d = PreparedDataset.open(Datasets.prepare("coco", options(cache, dir)))) {
      assertEquals(5, d.size());
      assertEquals(3, d.count(Split.TRAIN));
      assertTrue(d.ragged());
      assertEquals(R, d.resolution());
      assertEquals(32, d.condDim());
      assertEquals(List.of(), d.classNames());
      long[] order = {9, 25, 139, 285, 632}; // ascending id within each split, train first
      List<Img> all = new ArrayList<>(TRAIN);
      all.addAll(VAL);
      for (int row = 0; row < 5; row++) {
        long id = order[row];
        Img img = all.stream().filter(x -> x.id() == id).findFirst().orElseThrow();
        assertEquals((row < 3 ? "train2017/" : "val2017/") + fileName(id), d.source(row));
        assertEquals(-1, d.label(row));
        PixelImage stored = PilResize.shorterSide(ImageDecoder.decodeRgb(jpegs.get(id), "t", "-"), R);
        assertEquals(stored.height(), d.height(row));
        assertEquals(stored.width(), d.width(row));
        assertEquals(R, Math.min(d.height(row), d.width(row)));
        assertArrayEquals(stored.data(), d.storedImageBytes(row));
        assertArrayEquals(stored.centerCrop(R).data(), d.imageBytes(row));
        // every caption kept, in file order; caption 0 conditions the image
        assertEquals(img.captions().size(), d.captionCount(row));
        assertEquals(img.captions().get(0), d.caption(row));
        for (int k = 0; k < img.captions().size(); k++) {
          assertEquals(img.captions().get(k), d.caption(row, k));
          assertArrayEquals(enc.embed(img.captions().get(k)), d.captionCond(row, k));
        }
        assertArrayEquals(enc.embed(img.captions().get(0)), d.cond(row));
      }
      assertEquals("ragged", d.manifest().images().layout());
      assertEquals(9L, d.manifest().captions().shape().get(0));
    }
  }

  @Test
  void randomCropsReadTheRequestedWindow(@TempDir Path cache, @TempDir Path dir) throws Exception {
    writeCoco(dir);
    try (PreparedDataset d = PreparedDataset.open(Datasets.prepare("coco", options(cache, dir)))) {
      int row = 2; // image 139: 24x32 -> 8x10
      assertEquals(10, d.width(row));
      byte[] stored = d.storedImageBytes(row);
      float[] out = new float[R * R * 3];
      d.image(row, 0, 2, out, 0);
      assertEquals((stored[2 * 3] & 0xff) / 127.5f - 1f, out[0]);
      d.image(row, out, 0);
      assertEquals((stored[CenterCrop.offset(10, R) * 3] & 0xff) / 127.5f - 1f, out[0]);
      assertEquals(1, CenterCrop.offset(10, R));
      assertThrows(IndexOutOfBoundsException.class, () -> d.image(row, 0, 3, out, 0));
    }
  }

  @Test
  void trainingViewsDrawACropAndACaptionPerAccess(@TempDir Path cache, @TempDir Path dir) throws Exception {
    // The reference trains on a random crop and a random caption at every access; evaluation keeps
    // the centre crop and caption 0. Row 2 is image 139: stored 8x10, three captions.
    writeCoco(dir);
    try (PreparedDataset d = PreparedDataset.open(Datasets.prepare("coco", options(cache, dir)))) {
      int row = 2;
      int size = R * R * 3;
      java.util.Set<Integer> lefts = new java.util.TreeSet<>();
      java.util.Set<Integer> captions = new java.util.TreeSet<>();
      for (long access = 0; access < 200; access++) {
        float[] x = new float[size];
        float[] y = new float[32];
        d.trainingView(row, access, x, 0, y, 0);
        int left = -1;
        for (int l = 0; l <= 2; l++) {
          float[] crop = new float[size];
          d.image(row, 0, l, crop, 0);
          left = java.util.Arrays.equals(crop, x) ? l : left;
        }
        assertTrue(left >= 0, "the view is one of the three 8x8 windows");
        lefts.add(left);
        int caption = -1;
        for (int k = 0; k < 3; k++) {
          caption = java.util.Arrays.equals(d.captionCond(row, k), y) ? k : caption;
        }
        assertTrue(caption >= 0, "the condition is one of the row's captions");
        captions.add(caption);
        float[] again = new float[size];
        float[] yAgain = new float[32];
        d.trainingView(row, access, again, 0, yAgain, 0);
        assertArrayEquals(x, again, "the same access sees the same view");
        assertArrayEquals(y, yAgain);
      }
      assertEquals(java.util.Set.of(0, 1, 2), lefts);
      assertEquals(java.util.Set.of(0, 1, 2), captions);
      // A square image with one caption (row 1, image 25) is always its image and caption 0.
      float[] x = new float[size];
      float[] y = new float[32];
      d.trainingView(1, 99, x, 0, y, 0);
      float[] centre = new float[size];
      d.image(1, centre, 0);
      assertArrayEquals(centre, x);
      assertArrayEquals(d.cond(1), y);
    }
  }

  @Test
  void embeddingFileConditionsByAnnotationId(@TempDir Path cache, @TempDir Path dir) throws Exception {
    writeCoco(dir);
    for (boolean stored : new boolean[] {true, false}) {
      Path npz = dir.resolve("emb-" + stored + ".npz");
      List<Long> ids = new ArrayList<>();
      for (List<Img> split : List.of(TRAIN, VAL)) {
        for (Img i : split) {
          for (int k = 0; k < i.captions().size(); k++) {
            ids.add(1000 * i.id() + k);
          }
        }
      }
      writeNpz(npz, ids, 4, stored);
      try (PreparedDataset d = PreparedDataset.open(Datasets.prepare("coco", options(cache, dir)
          .withText(TextEncoderSpec.file(npz))))) {
        assertEquals(4, d.condDim());
        assertArrayEquals(vector(1000 * 9, 4), d.cond(0));
        assertArrayEquals(vector(1000 * 139 + 2, 4), d.captionCond(2, 2));
        assertEquals("file", d.manifest().cond().encoder().get("kind"));
      }
    }
    Path partial = dir.resolve("partial.npz");
    writeNpz(partial, List.of(9000L), 4, true);
    UserError e = assertThrows(UserError.class,
        () -> Datasets.prepare("coco", options(cache, dir).withText(TextEncoderSpec.file(partial))));
    assertTrue(e.getMessage().contains("no vector for caption id"), e.getMessage());
  }

  static float[] vector(long id, int d) {
    float[] v = new float[d];
    for (int j = 0; j < d; j++) {
      v[j] = id + j * 0.25f;
    }
    return v;
  }

  /** np.savez layout: ids.npy (<i8) and embeddings.npy (<f4), stored or deflated. */
  static void writeNpz(Path p, List<Long> ids, int d, boolean stored) throws Exception {
    ByteBuffer a = ByteBuffer.allocate(ids.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
    ids.forEach(a::putLong);
    ByteBuffer e = ByteBuffer.allocate(ids.size() * d * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (long id : ids) {
      for (float f : vector(id, d)) {
        e.putFloat(f);
      }
    }
    byte[] idsNpy = npy("<i8", "(" + ids.size() + ",)", a.array());
    byte[] embNpy = npy("<f4", "(" + ids.size() + ", " + d + ")", e.array());
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(p))) {
      for (Map.Entry<String, byte[]> m : Map.of("ids.npy", idsNpy, "embeddings.npy", embNpy).entrySet()) {
        java.util.zip.ZipEntry ze = new java.util.zip.ZipEntry(m.getKey());
        if (stored) {
          java.util.zip.CRC32 crc = new java.util.zip.CRC32();
          crc.update(m.getValue());
          ze.setMethod(java.util.zip.ZipEntry.STORED);
          ze.setSize(m.getValue().length);
          ze.setCrc(crc.getValue());
        }
        z.putNextEntry(ze);
        z.write(m.getValue());
        z.closeEntry();
      }
    }
  }

  static byte[] npy(String descr, String shape, byte[] data) {
    String h = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int total = 10 + h.length() + 1;
    h = h + " ".repeat((64 - total % 64) % 64) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + h.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
    b.putShort((short) h.length()).put(h.getBytes(StandardCharsets.US_ASCII)).put(data);
    return b.array();
  }

  @Test
  void missingImageIsAOneLineError(@TempDir Path cache, @TempDir Path dir) throws Exception {
    writeCoco(dir);
    TestData.writeZip(dir.resolve("val2017.zip"), Map.of("val2017/" + fileName(632), TestData.jpeg(TestData.picture(8, 8, 1))));
    UserError e = assertThrows(UserError.class, () -> Datasets.prepare("coco", options(cache, dir)));
    assertTrue(e.getMessage().contains(fileName(285)) && e.getMessage().contains("missing"), e.getMessage());
    assertEquals(List.of(), TestData.preparedEntries(cache));
  }

  @Test
  void malformedJsonIsAOneLineError(@TempDir Path cache, @TempDir Path dir) throws Exception {
    writeCoco(dir);
    TestData.writeZip(dir.resolve("annotations_trainval2017.zip"), Map.of(
        "annotations/captions_train2017.json", "{\"images\": [{\"id\": 1,}".getBytes(StandardCharsets.UTF_8),
        "annotations/captions_val2017.json", json(VAL).getBytes(StandardCharsets.UTF_8)));
    UserError e = assertThrows(UserError.class, () -> Datasets.prepare("coco", options(cache, dir)));
    assertTrue(e.getMessage().startsWith("malformed COCO captions JSON") && e.getMessage().contains("captions_train2017.json"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertEquals(List.of(), TestData.preparedEntries(cache));
  }

  @Test
  void extractedFoldersWorkToo(@TempDir Path cache, @TempDir Path dir, @TempDir Path ex) throws Exception {
    Map<Long, byte[]> jpegs = writeCoco(dir);
    Files.createDirectories(ex.resolve("annotations"));
    Files.writeString(ex.resolve("annotations/captions_train2017.json"), json(TRAIN));
    Files.writeString(ex.resolve("annotations/captions_val2017.json"), json(VAL));
    for (List<Img> split : List.of(TRAIN, VAL)) {
      Path f = ex.resolve(split == TRAIN ? "train2017" : "val2017");
      Files.createDirectories(f);
      for (Img i : split) {
        Files.write(f.resolve(fileName(i.id())), jpegs.get(i.id()));
      }
    }
    Path a = Datasets.prepare("coco", options(cache, dir));
    Path b = Datasets.prepare("coco", TestData.options(cache.resolve("other")).withFrom(ex).withResolution(R)
        .withOffline(true).withText(TextEncoderSpec.hashed(32)));
    assertEquals(a.getFileName(), b.getFileName());
    for (String f : List.of("images.u8", "cond.f32", "captions.f32", "index.csv", "captions.csv")) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
  }
}
