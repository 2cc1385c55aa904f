package org.tdabench.benchmark.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.tdabench.core.AtomicFiles;
import org.tdabench.core.UserError;

/**
 * The store's format version file, {@code <store>/tdabench-store.json}. A store is only read by a
 * tdabench whose {@link #CURRENT} format matches; anything else is a one-line {@link UserError}
 * rather than a wrong reuse of artifacts laid out differently.
 */
final class StoreFormat {
  /** Bump when the layout or the meaning of recipes changes incompatibly. */
  static final int CURRENT = 1;
  static final String FILE = "tdabench-store.json";

  private StoreFormat() {}

  /** Creates the file in a new or empty folder, or checks the existing one. */
  static void ensure(Path root) throws IOException {
    Path file = root.resolve(FILE);
    if (Files.isRegularFile(file)) {
      check(root, file);
      return;
    }
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new UserError("artifact store " + root + " is a file, not a folder: choose a folder for the cache");
    }
    Files.createDirectories(root);
    if (!isEmptyExceptTemporaries(root)) {
      throw new UserError("folder " + root + " is not a tdabench artifact store (it has files but no " + FILE
          + "): choose an empty or new folder for the cache");
    }
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("format", CURRENT);
    content.put("created_by", "tdabench " + TdabenchVersion.current());
    // Two processes may create the store at once: both write the same content, atomically.
    AtomicFiles.writeBytes(file, Json.pretty(content).getBytes(StandardCharsets.UTF_8));
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

  private static boolean isEmptyExceptTemporaries(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.allMatch(p -> p.getFileName().toString().startsWith("." + FILE + ".tmp-"));
    }
  }
}
