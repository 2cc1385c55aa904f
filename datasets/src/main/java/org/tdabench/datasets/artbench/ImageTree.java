package org.tdabench.datasets.artbench;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The ArtBench 256x256 images as {@code <split>/<style>/<name>}: either an extracted ImageFolder
 * tree or the uncompressed {@code artbench-10-imagefolder-split.tar}, read with random access
 * (Commons Compress {@link TarFile}) in metadata order. Style folders are matched by
 * {@link ArtBenchMetadata#styleIndex} (so "Art Nouveau" and "art_nouveau" both work). Not
 * thread-safe: read bytes on one thread, decode on many.
 */
public interface ImageTree extends Closeable {

  /** The bytes of image {@code name} of style {@code label} in {@code split}, or null when absent. */
  byte[] read(String split, int label, String name) throws IOException;

  /** A human-readable location of a member, for messages. */
  String describe(String split, int label, String name);

  /** Key of a member: split, style index and file name. */
  static String key(String split, int label, String name) {
    return split.toLowerCase(Locale.ROOT) + "/" + label + "/" + name;
  }

  /** True when {@code dir} looks like an extracted ImageFolder split (has train/ and test/). */
  static boolean looksLikeTree(Path dir) {
    return Files.isDirectory(dir.resolve("train")) && Files.isDirectory(dir.resolve("test"));
  }

  /** An extracted tree rooted at {@code root} (containing train/ and test/). */
  static ImageTree folder(Path root) throws IOException {
    Map<String, Path> styleDirs = new HashMap<>();
    for (String split : new String[] {"train", "test"}) {
      Path sd = root.resolve(split);
      if (!Files.isDirectory(sd)) {
        continue;
      }
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(sd, Files::isDirectory)) {
        for (Path p : ds) {
          int l = ArtBenchMetadata.styleIndex(p.getFileName().toString());
          if (l >= 0) {
            styleDirs.put(split + "/" + l, p);
          }
        }
      }
    }
    return new ImageTree() {
      private Path path(String split, int label, String name) {
        Path d = styleDirs.get(split + "/" + label);
        return d == null ? root.resolve(split).resolve(ArtBenchMetadata.STYLES.get(label)).resolve(name) : d.resolve(name);
      }

      @Override
      public byte[] read(String split, int label, String name) throws IOException {
        Path p = path(split, label, name);
        return Files.isRegularFile(p) ? Files.readAllBytes(p) : null;
      }

      @Override
      public String describe(String split, int label, String name) {
        return path(split, label, name).toString();
      }

      @Override
      public void close() {}
    };
  }

  /** The tar archive at {@code tar}; members are matched on their last three path segments. */
  static ImageTree tar(Path tar) throws IOException {
    TarFile tf = new TarFile(tar);
    Map<String, TarArchiveEntry> byKey = new HashMap<>();
    for (TarArchiveEntry e : tf.getEntries()) {
      if (!e.isFile()) {
        continue;
      }
      String[] parts = e.getName().split("/");
      if (parts.length >= 3) {
        int l = ArtBenchMetadata.styleIndex(parts[parts.length - 2]);
        if (l >= 0) {
          byKey.put(key(parts[parts.length - 3], l, parts[parts.length - 1]), e);
        }
      }
    }
    return new ImageTree() {
      @Override
      public byte[] read(String split, int label, String name) throws IOException {
        TarArchiveEntry e = byKey.get(key(split, label, name));
        if (e == null) {
          return null;
        }
        try (InputStream in = tf.getInputStream(e)) {
          byte[] b = in.readAllBytes();
          if (b.length != e.getSize()) {
            throw new IOException("member " + e.getName() + " is truncated");
          }
          return b;
        }
      }

      @Override
      public String describe(String split, int label, String name) {
        TarArchiveEntry e = byKey.get(key(split, label, name));
        return tar + ":" + (e == null ? split + "/" + ArtBenchMetadata.STYLES.get(label) + "/" + name : e.getName());
      }

      @Override
      public void close() throws IOException {
        tf.close();
      }
    };
  }
}
