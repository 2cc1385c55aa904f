package org.tdabench.benchmark.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A second process on the same store, started by {@link ArtifactStoreProcessTest}. Arguments: store
 * folder, marker folder, mode ("wait": compute after the marker "release" appears; "hang": write part
 * of the payload, then never finish).
 */
public final class StoreChild {
  private StoreChild() {}

  public static void main(String[] args) throws Exception {
    Path store = Path.of(args[0]);
    Path markers = Path.of(args[1]);
    String mode = args[2];
    ArtifactStore s = ArtifactStore.open(store);
    s.getOrCompute(ArtifactStoreTest.recipe("shared"), ctx -> {
      Files.writeString(markers.resolve("computed"), "child\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      Files.writeString(ctx.folder().resolve("partial.bin"), "half");
      Files.createFile(markers.resolve("started"));
      if (mode.equals("hang")) {
        Thread.sleep(Long.MAX_VALUE);
      }
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (!Files.exists(markers.resolve("release"))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("never released");
        }
        Thread.sleep(20);
      }
      Files.writeString(ctx.folder().resolve("payload.txt"), "from child");
    });
  }
}
