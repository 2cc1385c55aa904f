package org.tdabench.datasets.cifar;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tdabench.core.UserError;

/**
 * Reads a CIFAR-style archive (CIFAR-10, ArtBench-10 32x32) in either upstream layout:
 * <ul>
 *   <li>python: {@code <dir>/data_batch_1..5} and {@code test_batch}, pickled dicts with
 *       {@code data} (uint8 [n, 3072], planar RGB), {@code labels} and {@code filenames}, plus a
 *       meta pickle with the class names;
 *   <li>binary: {@code <dir>/data_batch_1..5.bin} and {@code test_batch.bin}, 3073-byte records
 *       (label byte, then 1024 red, 1024 green, 1024 blue bytes), plus {@code batches.meta.txt}.
 * </ul>
 * The archive may be gzipped or plain tar.
 */
public final class CifarArchive {
  /** Bytes per image (32 x 32 x 3, planar). */
  public static final int IMAGE_BYTES = 3072;
  /** Bytes per binary record (label + image). */
  public static final int RECORD_BYTES = 1 + IMAGE_BYTES;

  /** The two layouts. */
  public enum Layout { PYTHON, BINARY }

  /**
   * One split: planar images back to back, labels and per-image source references.
   *
   * @param data n x 3072 bytes, planar RGB per image (CIFAR's order)
   */
  public record Part(byte[] data, int[] labels, List<String> sources) {
    public int size() {
      return labels.length;
    }
  }

  /** The whole archive. */
  public record Contents(Layout layout, Part train, Part test, List<String> classNames) {}

  private CifarArchive() {}

  /** Which layout a tar holds, from its member names (reads only the headers). */
  public static Layout sniff(Path archive) throws IOException {
    try (TarArchiveInputStream tar = open(archive)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String base = baseName(e.getName());
        if (base.equals("data_batch_1.bin") || base.equals("test_batch.bin")) {
          return Layout.BINARY;
        }
        if (base.equals("data_batch_1") || base.equals("test_batch")) {
          return Layout.PYTHON;
        }
      }
    }
    throw new IOException("no CIFAR batch files in the archive");
  }

  /**
   * Reads every batch of the archive.
   *
   * @param metaNames candidate names of the python meta file ("batches.meta" for CIFAR-10, "meta"
   *     for ArtBench)
   * @param metaKeys candidate keys of the class-name list in it ("label_names", "styles")
   */
  public static Contents read(Path archive, List<String> metaNames, List<String> metaKeys) throws IOException {
    Map<String, byte[]> members = new HashMap<>();
    try (TarArchiveInputStream tar = open(archive)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (!e.isFile()) {
          continue;
        }
        String base = baseName(e.getName());
        if (base.startsWith("data_batch_") || base.startsWith("test_batch") || base.equals("batches.meta.txt")
            || metaNames.contains(base)) {
          members.put(base, tar.readAllBytes());
        }
      }
    }
    Layout layout = members.containsKey("data_batch_1.bin") || members.containsKey("test_batch.bin")
        ? Layout.BINARY : Layout.PYTHON;
    String suffix = layout == Layout.BINARY ? ".bin" : "";
    List<String> trainNames = new ArrayList<>();
    for (int b = 1; b <= 5; b++) {
      trainNames.add("data_batch_" + b + suffix);
    }
    Part train = layout == Layout.BINARY ? binary(members, trainNames, archive) : python(members, trainNames, archive);
    Part test = layout == Layout.BINARY ? binary(members, List.of("test_batch.bin"), archive)
        : python(members, List.of("test_batch"), archive);
    List<String> classes = null;
    if (layout == Layout.BINARY && members.containsKey("batches.meta.txt")) {
      classes = new String(members.get("batches.meta.txt"), StandardCharsets.UTF_8).lines()
          .map(String::strip).filter(s -> !s.isEmpty()).toList();
    } else if (layout == Layout.PYTHON) {
      for (String mn : metaNames) {
        if (members.containsKey(mn)) {
          Map<String, Object> meta = NumpyPickle.loadDict(new ByteArrayInputStream(members.get(mn)));
          for (String k : metaKeys) {
            if (meta.containsKey(k)) {
              classes = NumpyPickle.strings(meta.get(k));
            }
          }
        }
      }
    }
    return new Contents(layout, train, test, classes);
  }

  private static Part python(Map<String, byte[]> members, List<String> names, Path archive) throws IOException {
    List<byte[]> datas = new ArrayList<>();
    List<int[]> labelss = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (String n : names) {
      byte[] raw = require(members, n, archive);
      Map<String, Object> d = NumpyPickle.loadDict(new ByteArrayInputStream(raw));
      Object arr = d.get("data");
      Object lab = d.containsKey("labels") ? d.get("labels") : d.get("fine_labels");
      if (!(arr instanceof NumpyPickle.NdArray a) || lab == null) {
        throw new IOException("member " + n + " lacks 'data' or 'labels'");
      }
      int[] labels = NumpyPickle.ints(lab);
      if (!"u1".equals(a.dtype()) && !"|u1".equals(a.dtype())) {
        throw new IOException("member " + n + " has data of dtype " + a.dtype() + ", expected uint8");
      }
      if (a.data().length != (long) labels.length * IMAGE_BYTES) {
        throw new IOException("member " + n + " has " + a.data().length + " data bytes for " + labels.length + " labels");
      }
      List<String> files = d.containsKey("filenames") ? NumpyPickle.strings(d.get("filenames")) : List.of();
      for (int i = 0; i < labels.length; i++) {
        sources.add(n + "#" + i + (i < files.size() ? ":" + files.get(i) : ""));
      }
      datas.add(a.data());
      labelss.add(labels);
    }
    return concat(datas, labelss, sources);
  }

  private static Part binary(Map<String, byte[]> members, List<String> names, Path archive) throws IOException {
    List<byte[]> datas = new ArrayList<>();
    List<int[]> labelss = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (String n : names) {
      byte[] raw = require(members, n, archive);
      if (raw.length == 0 || raw.length % RECORD_BYTES != 0) {
        throw new IOException("member " + n + " has " + raw.length + " bytes, not a multiple of " + RECORD_BYTES);
      }
      int count = raw.length / RECORD_BYTES;
      byte[] data = new byte[count * IMAGE_BYTES];
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = raw[i * RECORD_BYTES] & 0xff;
        System.arraycopy(raw, i * RECORD_BYTES + 1, data, i * IMAGE_BYTES, IMAGE_BYTES);
        sources.add(n + "#" + i);
      }
      datas.add(data);
      labelss.add(labels);
    }
    return concat(datas, labelss, sources);
  }

  private static Part concat(List<byte[]> datas, List<int[]> labelss, List<String> sources) {
    int n = labelss.stream().mapToInt(l -> l.length).sum();
    byte[] data = new byte[n * IMAGE_BYTES];
    int[] labels = new int[n];
    int at = 0;
    for (int b = 0; b < datas.size(); b++) {
      System.arraycopy(datas.get(b), 0, data, at * IMAGE_BYTES, datas.get(b).length);
      System.arraycopy(labelss.get(b), 0, labels, at, labelss.get(b).length);
      at += labelss.get(b).length;
    }
    return new Part(data, labels, sources);
  }

  private static byte[] require(Map<String, byte[]> members, String name, Path archive) {
    byte[] b = members.get(name);
    if (b == null) {
      throw new UserError(archive + " lacks the member " + name + "; it is incomplete or not the expected archive:"
          + " delete it and fetch it again");
    }
    return b;
  }

  private static TarArchiveInputStream open(Path archive) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    return new TarArchiveInputStream(in);
  }

  static String baseName(String member) {
    int i = member.lastIndexOf('/');
    return i < 0 ? member : member.substring(i + 1);
  }
}
