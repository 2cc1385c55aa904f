package org.tdabench.benchmark.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Walking the store's kind/shard/artifact folders in a stable order. */
final class StoreFolders {
  private StoreFolders() {}

  /** The entries of {@code folder}, sorted; none when it does not exist. */
  static List<Path> children(Path folder) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
      ds.forEach(out::add);
    }
    out.sort(null);
    return out;
  }
}
