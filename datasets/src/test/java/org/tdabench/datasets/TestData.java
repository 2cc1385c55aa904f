package org.tdabench.datasets;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.Pickler;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tdabench.core.Hashing;
import org.tdabench.datasets.fetch.FetchConfig;
import org.tdabench.datasets.image.PixelImage;

/**
 * Writes small archives in the exact upstream layouts for tests: CIFAR python (pickled dicts as
 * Python 2's cPickle wrote them, with numpy arrays) and binary tars, IDX gz, JPEGs, zips.
 */
public final class TestData {
  private TestData() {}

  /** A Python 2 {@code str}: pickled as SHORT_BINSTRING/BINSTRING (bytes when loaded by Python 3 with encoding='bytes'). */
  public record Py2Str(byte[] bytes) {
    public static Py2Str of(String s) {
      return new Py2Str(s.getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  /** A numpy uint8 array, pickled as numpy does ({@code _reconstruct} + BUILD with the raw bytes). */
  public record NdU8(int[] shape, byte[] data) {}

  static {
    Pickler.registerCustomPickler(Py2Str.class, (o, out, p) -> writeStr(out, ((Py2Str) o).bytes()));
    Pickler.registerCustomPickler(NdU8.class, (o, out, p) -> {
      NdU8 a = (NdU8) o;
      global(out, "numpy.core.multiarray", "_reconstruct");
      global(out, "numpy", "ndarray");
      p.save(0);
      out.write(Opcodes.TUPLE1);
      writeStr(out, new byte[] {'b'});
      out.write(Opcodes.TUPLE3);
      out.write(Opcodes.REDUCE);
      out.write(Opcodes.MARK);
      p.save(1);
      out.write(Opcodes.MARK);
      for (int d : a.shape()) {
        p.save(d);
      }
      out.write(Opcodes.TUPLE);
      global(out, "numpy", "dtype");
      writeStr(out, "u1".getBytes(StandardCharsets.ISO_8859_1));
      p.save(false);
      p.save(true);
      out.write(Opcodes.TUPLE3);
      out.write(Opcodes.REDUCE);
      out.write(Opcodes.MARK);
      p.save(3);
      writeStr(out, new byte[] {'|'});
      out.write(Opcodes.NONE);
      out.write(Opcodes.NONE);
      out.write(Opcodes.NONE);
      p.save(-1);
      p.save(-1);
      p.save(0);
      out.write(Opcodes.TUPLE);
      out.write(Opcodes.BUILD);
      p.save(false);
      writeStr(out, a.data());
      out.write(Opcodes.TUPLE);
      out.write(Opcodes.BUILD);
    });
  }

  private static void global(OutputStream out, String module, String name) throws IOException {
    out.write(Opcodes.GLOBAL);
    out.write((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  private static void writeStr(OutputStream out, byte[] b) throws IOException {
    if (b.length < 256) {
      out.write(Opcodes.SHORT_BINSTRING);
      out.write(b.length);
    } else {
      out.write(Opcodes.BINSTRING);
      out.write(b.length & 0xff);
      out.write((b.length >>> 8) & 0xff);
      out.write((b.length >>> 16) & 0xff);
      out.write((b.length >>> 24) & 0xff);
    }
    out.write(b);
  }

  /** Protocol-2 pickle of a CIFAR batch dict. */
  public static byte[] cifarBatchPickle(String batchLabel, int[] labels, byte[] planar, List<String> filenames)
      throws IOException {
    Map<Object, Object> d = new HashMap<>();
    d.put(Py2Str.of("batch_label"), Py2Str.of(batchLabel));
    List<Object> lab = new ArrayList<>();
    for (int l : labels) {
      lab.add(l);
    }
    d.put(Py2Str.of("labels"), lab);
    d.put(Py2Str.of("data"), new NdU8(new int[] {labels.length, 3072}, planar));
    List<Object> fn = new ArrayList<>();
    filenames.forEach(f -> fn.add(Py2Str.of(f)));
    d.put(Py2Str.of("filenames"), fn);
    return new Pickler(false).dumps(d);
  }

  /** Protocol-2 pickle of a CIFAR meta dict with the class names under {@code key}. */
  public static byte[] metaPickle(String key, List<String> names) throws IOException {
    Map<Object, Object> d = new HashMap<>();
    List<Object> l = new ArrayList<>();
    names.forEach(n -> l.add(Py2Str.of(n)));
    d.put(Py2Str.of(key), l);
    d.put(Py2Str.of("num_cases_per_batch"), 10000);
    return new Pickler(false).dumps(d);
  }

  /** A deterministic pseudo-random byte pattern (no java.util.Random in this project). */
  public static byte[] pattern(int n, long key) {
    byte[] b = new byte[n];
    org.tdabench.core.CounterRng rng = new org.tdabench.core.CounterRng(key);
    for (int i = 0; i < n; i++) {
      b[i] = (byte) rng.nextInt(256);
    }
    return b;
  }

  /** The contents written into a CIFAR-style test archive. */
  public record Cifar(byte[] trainPlanar, int[] trainLabels, byte[] testPlanar, int[] testLabels) {}

  /** Deterministic CIFAR-style contents: {@code perBatch} images in each of 5 batches, {@code test} test images. */
  public static Cifar cifarContents(int perBatch, int test, int classes) {
    int n = perBatch * 5;
    int[] tl = new int[n];
    int[] sl = new int[test];
    for (int i = 0; i < n; i++) {
      tl[i] = (i * 7 + 3) % classes;
    }
    for (int i = 0; i < test; i++) {
      sl[i] = (i * 3 + 1) % classes;
    }
    return new Cifar(pattern(n * 3072, 11), tl, pattern(test * 3072, 12), sl);
  }

  /** Writes the python-version tar.gz ({@code dir/data_batch_1..5}, {@code test_batch}, meta). */
  public static void writeCifarPython(Path tarGz, Cifar c, String dir, String metaName, String metaKey,
      List<String> classes, List<String> skip) throws IOException {
    Map<String, byte[]> members = new LinkedHashMap<>();
    int per = c.trainLabels().length / 5;
    // upstream tars are not in batch order; neither is this one
    for (int b : new int[] {4, 1, 5, 3, 2}) {
      int[] l = java.util.Arrays.copyOfRange(c.trainLabels(), (b - 1) * per, b * per);
      byte[] d = java.util.Arrays.copyOfRange(c.trainPlanar(), (b - 1) * per * 3072, b * per * 3072);
      List<String> names = new ArrayList<>();
      for (int i = 0; i < per; i++) {
        names.add("img_" + b + "_" + i + ".png");
      }
      members.put(dir + "/data_batch_" + b, cifarBatchPickle("training batch " + b + " of 5", l, d, names));
    }
    List<String> tn = new ArrayList<>();
    for (int i = 0; i < c.testLabels().length; i++) {
      tn.add("test_" + i + ".png");
    }
    members.put(dir + "/test_batch", cifarBatchPickle("testing batch 1 of 1", c.testLabels(), c.testPlanar(), tn));
    members.put(dir + "/" + metaName, metaPickle(metaKey, classes));
    members.put(dir + "/readme.html", "<html></html>".getBytes(StandardCharsets.UTF_8));
    skip.forEach(s -> members.remove(dir + "/" + s));
    writeTar(tarGz, members, true);
  }

  /** Writes the binary-version tar.gz ({@code dir/data_batch_1..5.bin}, {@code test_batch.bin}, meta txt). */
  public static void writeCifarBinary(Path tarGz, Cifar c, String dir, List<String> classes) throws IOException {
    Map<String, byte[]> members = new LinkedHashMap<>();
    members.put(dir + "/batches.meta.txt", (String.join("\n", classes) + "\n\n").getBytes(StandardCharsets.UTF_8));
    int per = c.trainLabels().length / 5;
    for (int b = 1; b <= 5; b++) {
      members.put(dir + "/data_batch_" + b + ".bin", records(c.trainLabels(), c.trainPlanar(), (b - 1) * per, per));
    }
    members.put(dir + "/test_batch.bin", records(c.testLabels(), c.testPlanar(), 0, c.testLabels().length));
    writeTar(tarGz, members, true);
  }

  private static byte[] records(int[] labels, byte[] planar, int from, int n) {
    byte[] out = new byte[n * 3073];
    for (int i = 0; i < n; i++) {
      out[i * 3073] = (byte) labels[from + i];
      System.arraycopy(planar, (from + i) * 3072, out, i * 3073 + 1, 3072);
    }
    return out;
  }

  /** Writes a tar (gzipped or not) with the given members in order. */
  public static void writeTar(Path file, Map<String, byte[]> members, boolean gzip) throws IOException {
    try (OutputStream fo = Files.newOutputStream(file);
        OutputStream zo = gzip ? new GZIPOutputStream(fo) : fo;
        TarArchiveOutputStream tar = new TarArchiveOutputStream(zo)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> e : members.entrySet()) {
        TarArchiveEntry te = new TarArchiveEntry(e.getKey());
        te.setSize(e.getValue().length);
        tar.putArchiveEntry(te);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
  }

  /** Writes a zip with the given members (DEFLATED). */
  public static void writeZip(Path file, Map<String, byte[]> members) throws IOException {
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, byte[]> e : members.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    }
  }

  /** A gzipped unsigned-byte IDX file. */
  public static void writeIdxGz(Path file, int[] dims, byte[] data) throws IOException {
    try (java.io.DataOutputStream d = new java.io.DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
      d.writeInt(0x0800 | dims.length);
      for (int v : dims) {
        d.writeInt(v);
      }
      d.write(data);
    }
  }

  /** A JPEG (quality from ImageIO's default) of an RGB image. */
  public static byte[] jpeg(PixelImage img) throws IOException {
    BufferedImage bi = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < img.height(); y++) {
      for (int x = 0; x < img.width(); x++) {
        bi.setRGB(x, y, img.at(y, x, 0) << 16 | img.at(y, x, 1) << 8 | img.at(y, x, 2));
      }
    }
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    if (!ImageIO.write(bi, "jpg", bo)) {
      throw new IOException("no JPEG writer");
    }
    return bo.toByteArray();
  }

  /** A smooth RGB test picture (JPEG-friendly) of the given size. */
  public static PixelImage picture(int h, int w, int key) {
    byte[] d = new byte[h * w * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int o = (y * w + x) * 3;
        d[o] = (byte) ((x * 255 / Math.max(1, w - 1) + key * 40) & 0xff);
        d[o + 1] = (byte) ((y * 255 / Math.max(1, h - 1) + key * 25) & 0xff);
        d[o + 2] = (byte) ((key * 60 + (x + y) * 2) & 0xff);
      }
    }
    return new PixelImage(h, w, 3, d);
  }

  /** Options for tests: the given cache, no progress, quick retries, 2 threads. */
  public static PrepareOptions options(Path cache) {
    return PrepareOptions.defaults().withCache(cache).withThreads(2)
        .withFetch(FetchConfig.defaults().withAttempts(3).withBackoff(java.time.Duration.ofMillis(10),
            java.time.Duration.ofMillis(50)));
  }

  /** Options trusting the given files' SHA-256 instead of the pinned ones (test archives are not the real ones). */
  public static PrepareOptions trusting(PrepareOptions o, Path... files) throws IOException {
    Map<String, String> sums = new HashMap<>(o.fetch().expectedSha256());
    for (Path f : files) {
      sums.put(f.getFileName().toString(), Hashing.sha256Hex(f));
    }
    return o.withFetch(o.fetch().withExpectedSha256(sums));
  }

  /** Lists what a cache's prepared folder holds (names). */
  public static List<String> preparedEntries(Path cache) throws IOException {
    Path p = cache.resolve("prepared");
    if (!Files.isDirectory(p)) {
      return List.of();
    }
    try (var s = Files.list(p)) {
      return s.map(x -> x.getFileName().toString()).sorted().toList();
    }
  }
}
