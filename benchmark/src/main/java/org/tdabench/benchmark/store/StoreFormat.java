package org.tdabench.benchmark.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tdabench.core.AtomicFiles;
import org.tdabench.core.IoProblems;
import org.tdabench.core.UserError;

/**
 * The store's format version file, {@code <store>/tdabench-store.json}. A store is only read by a
 * tdabench whose {@link #CURRENT} format matches; anything else is a one-line {@link UserError}
 * rather than a wrong reuse of artifacts laid out differently.
 */
final class StoreFormat {
  /**
   * Bump when the layout or the meaning of recipes changes incompatibly. 2: recipes carry the
   * numerics environment and thread count; sidecars the machine fingerprint.
   */
  static final int CURRENT = 2;
  static final String FILE = "tdabench-store.json";

  private StoreFormat() {}

  /**
   * Creates the file in a new or empty folder, or checks the existing one. Safe when several
   * processes create the same store at once: whoever sees the format file (even one that appeared
   * while it looked) checks it; whoever sees an empty folder writes the same content atomically.
   */
  static void ensure(Path root) throws IOException {
    Path file = root.resolve(FILE);
    if (Files.isRegularFile(file)) {
      check(root, file);
      return;
    }
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new UserError("artifact store " + root + " is a file, not a folder: choose a folder for the cache");
    }
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UserError("cannot create the artifact store " + root + " (" + IoProblems.cause(e)
          + "): choose a writable --cache folder");
    }
    // One listing: a format file that existed before any other entry of the folder is always in it.
    List<String> names;
    try (Stream<Path> s = Files.list(root)) {
      names = s.map(p -> p.getFileName().toString()).toList();
    }
    if (names.contains(FILE) || Files.isRegularFile(file)) {
      check(root, file); // another process created it meanwhile
      return;
    }
    if (!names.stream().allMatch(n -> n.startsWith("." + FILE + AtomicFiles.TEMP_MARK))) {
      throw new UserError("folder " + root + " is not a tdabench artifact store (it has files but no " + FILE
          + "): choose an empty or new folder for the cache");
    }
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("format", CURRENT);
    content.put("created_by", "tdabench " + TdabenchVersion.current());
    // Two processes may create the store at once: both write the same content, atomically.
    AtomicFiles.writeBytes(file, Json.pretty(content).getBytes(StandardCharsets.UTF_8));
  }

  /** Whether this process can create files in {@code root}. */
  static boolean canWrite(Path root) {
    return Files.isDirectory(root) && Files.isWritable(root);
  }

  private static void check(Path root, Path file) throws IOException {
    JsonNode node;
    try {
      node = Json.mapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UserError("artifact store " + root + " has an unreadable " + FILE + " (" + e.getMessage()
          .lines().findFirst().orElse("") + "): restore it or use a new folder for the cache");
    }
    JsonNode format = node == null ? null : node.get("format");
    if (format == null || !format.canConvertToInt()) {
      throw new UserError("artifact store " + root + " has no format number in " + FILE
          + ": restore it or use a new folder for the cache");
    }
    if (format.asInt() != CURRENT) {
      String by = node.hasNonNull("created_by") ? " (written by " + node.get("created_by").asText() + ")" : "";
      throw new UserError("artifact store " + root + " uses store format " + format.asInt() + by
          + " but this tdabench reads format " + CURRENT
          + ": use a new folder for the cache, or the tdabench version that wrote it");
    }
  }
}
