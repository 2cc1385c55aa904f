package org.tdabench.benchmark.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tdabench.core.Hashing;

/**
 * A run-shaped workload on a store, in its own JVM (started by {@link StoreUnderFireIT}): a chain
 * of {@link #ARTIFACTS} artifacts where artifact i is computed from artifacts i - 1 and i - 5
 * (nested computations, as scores need models), computed by two worker threads that walk the list
 * in opposite orders (so that they, and other processes, contend for the same locks), with a small
 * delay and a partial file written first (so that a kill finds half-written temporaries). Sweeps the
 * store first, as a run does. Prints one line: the digest of every payload.
 *
 * <p>Arguments: store folder, delay per artifact in ms.
 */
public final class StoreWorkload {
  static final int ARTIFACTS = 24;

  private StoreWorkload() {}

  static Recipe recipe(int i) {
    return Recipe.of("chain", "store-workload", "1").withConfig("i", i);
  }

  static String compute(ArtifactStore s, int i, long delayMs) throws Exception {
    Artifact a = s.getOrCompute(recipe(i), ctx -> {
      Files.writeString(ctx.folder().resolve("partial.bin"), "half");
      Thread.sleep(delayMs);
      StringBuilder in = new StringBuilder("artifact " + i);
      for (int d : new int[] {i - 1, i - 5}) {
        if (d >= 0) {
          in.append('|').append(compute(s, d, delayMs));
        }
      }
      Files.delete(ctx.folder().resolve("partial.bin"));
      Files.writeString(ctx.folder().resolve("payload.txt"), Hashing.sha256Hex(in.toString()));
    });
    return Files.readString(a.file("payload.txt"), StandardCharsets.UTF_8);
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    long delay = Long.parseLong(args[1]);
    ArtifactStore s = ArtifactStore.open(root);
    StoreSweeper.sweep(s);
    System.out.println("started");
    System.out.flush();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<?>> fs = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      boolean up = w == 0;
      fs.add(pool.submit(() -> {
        for (int k = 0; k < ARTIFACTS; k++) {
          compute(s, up ? k : ARTIFACTS - 1 - k, delay);
        }
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < ARTIFACTS; i++) {
      all.append(compute(s, i, delay));
    }
    System.out.println("digest " + Hashing.sha256Hex(all.toString()));
  }
}
