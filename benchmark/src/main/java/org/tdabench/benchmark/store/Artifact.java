package org.tdabench.benchmark.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A complete artifact in the store.
 *
 * @param hash its key
 * @param folder the folder holding its payload files and {@link Sidecar#FILE}
 * @param reused true when it existed before this call (computed by an earlier run or another
 *     process), false when this call computed it
 */
public record Artifact(String hash, Path folder, boolean reused) {

  /** A payload file of this artifact. */
  public Path file(String name) {
    return folder.resolve(name);
  }

  /** Reads the sidecar. */
  public Sidecar sidecar() throws IOException {
    return Json.mapper().readValue(folder.resolve(Sidecar.FILE).toFile(), Sidecar.class);
  }
}
