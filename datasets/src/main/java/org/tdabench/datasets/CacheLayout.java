package org.tdabench.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tdabench.core.UserError;

/**
 * Where downloads and prepared datasets live: {@code <root>/downloads/<dataset>/} and
 * {@code <root>/prepared/<folder>/}. The root is {@code --cache DIR}, else {@code $TDABENCH_CACHE},
 * else {@code $XDG_CACHE_HOME/tdabench}, else {@code ~/.cache/tdabench}.
 */
public record CacheLayout(Path root) {
  /** Environment variable naming the cache root. */
  public static final String ENV = "TDABENCH_CACHE";

  /** Resolves the cache root from an explicit folder (may be null) and the environment. */
  public static CacheLayout resolve(Path explicit) {
    if (explicit != null) {
      return new CacheLayout(explicit.toAbsolutePath().normalize());
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return new CacheLayout(Path.of(env).toAbsolutePath().normalize());
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return new CacheLayout(Path.of(xdg, "tdabench").toAbsolutePath());
    }
    return new CacheLayout(Path.of(System.getProperty("user.home"), ".cache", "tdabench"));
  }

  /** The folder holding one dataset's verified downloads. */
  public Path downloads(String dataset) {
    return root.resolve("downloads").resolve(dataset);
  }

  /** The folder holding prepared datasets. */
  public Path prepared() {
    return root.resolve("prepared");
  }

  /** Creates {@code dir} and checks that files can be written there, or says what to do. */
  public static void ensureWritable(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".probe", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new UserError("cannot write to the cache folder " + dir + " (" + e.getClass().getSimpleName() + ": "
          + UserError.oneLine(e.getMessage()) + "); pass --cache DIR or set " + ENV + " to a writable folder");
    }
  }
}
