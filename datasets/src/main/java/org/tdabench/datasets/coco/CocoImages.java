package org.tdabench.datasets.coco;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The images of one COCO split: the zip ({@code train2017.zip}; java.util.zip handles its Zip64
 * size) or the extracted folder. Members are matched by file name.
 */
public interface CocoImages extends Closeable {

  /** The bytes of {@code fileName}, or null when absent. */
  byte[] read(String fileName) throws IOException;

  /** Where {@code fileName} is, for messages. */
  String describe(String fileName);

  /** Images in an extracted folder. */
  static CocoImages folder(Path dir) {
    return new CocoImages() {
      @Override
      public byte[] read(String fileName) throws IOException {
        Path p = dir.resolve(fileName);
        return Files.isRegularFile(p) ? Files.readAllBytes(p) : null;
      }

      @Override
      public String describe(String fileName) {
        return dir.resolve(fileName).toString();
      }

      @Override
      public void close() {}
    };
  }

  /** Images in a zip archive (any folder prefix inside). */
  static CocoImages zip(Path zipPath) throws IOException {
    ZipFile zf = new ZipFile(zipPath.toFile());
    Map<String, ZipEntry> byName = new HashMap<>();
    Enumeration<? extends ZipEntry> en = zf.entries();
    while (en.hasMoreElements()) {
      ZipEntry e = en.nextElement();
      if (!e.isDirectory()) {
        String n = e.getName();
        byName.put(n.substring(n.lastIndexOf('/') + 1), e);
      }
    }
    return new CocoImages() {
      @Override
      public byte[] read(String fileName) throws IOException {
        ZipEntry e = byName.get(fileName);
        if (e == null) {
          return null;
        }
        try (InputStream in = zf.getInputStream(e)) {
          return in.readAllBytes();
        }
      }

      @Override
      public String describe(String fileName) {
        ZipEntry e = byName.get(fileName);
        return zipPath + ":" + (e == null ? fileName : e.getName());
      }

      @Override
      public void close() throws IOException {
        zf.close();
      }
    };
  }
}
