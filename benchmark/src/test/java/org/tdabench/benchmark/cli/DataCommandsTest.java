package org.tdabench.benchmark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.core.Hashing;
import org.tdabench.datasets.PreparedDataset;

/** {@code fetch}, {@code prepare} and {@code bench data} through the real command line. */
class DataCommandsTest {

  private static Run run(String... args) {
    return Run.of(args);
  }

  @Test
  void helpOnEveryCommand() {
    for (String[] args : List.of(new String[] {"fetch", "--help"}, new String[] {"prepare", "--help"},
        new String[] {"bench", "data", "--help"})) {
      Run r = run(args);
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("Usage: tdabench " + String.join(" ", List.of(args).subList(0, args.length - 1))),
          r.out());
    }
  }

  @Test
  void prepareProceduralPrintsTheFolderLast(@TempDir Path cache) {
    Run r = run("prepare", "procedural", "--cache", cache.toString(), "--train-size", "30", "--test-size", "10",
        "--resolution", "8", "--seed", "4", "-q");
    assertEquals(0, r.code(), r.err());
    Path folder = Path.of(r.lastLine());
    assertTrue(folder.startsWith(cache.resolve("prepared")), r.out());
    try (PreparedDataset d = PreparedDataset.open(folder)) {
      assertEquals(40, d.size());
      assertEquals(8, d.resolution());
    }
    Run again = run("prepare", "--cache", cache.toString(), "--train-size", "30", "--test-size", "10",
        "--resolution", "8", "--seed", "4", "-q");
    assertEquals(r.lastLine(), again.lastLine());
  }

  @Test
  void fetchAndPrepareUserFilesWithExpectedChecksums(@TempDir Path cache, @TempDir Path dir) throws Exception {
    List<String> args = new ArrayList<>(List.of("fetch", "fashion-mnist", "--cache", cache.toString(), "--from",
        dir.toString(), "--offline", "-q"));
    for (String[] f : new String[][] {{"train-images-idx3-ubyte.gz", "3"}, {"train-labels-idx1-ubyte.gz", "1"},
        {"t10k-images-idx3-ubyte.gz", "3"}, {"t10k-labels-idx1-ubyte.gz", "1"}}) {
      boolean images = f[1].equals("3");
      int n = f[0].startsWith("train") ? 6 : 2;
      idx(dir.resolve(f[0]), images ? new int[] {n, 28, 28} : new int[] {n}, new byte[images ? n * 784 : n]);
      args.add("--expect-sha256");
      args.add(f[0] + "=" + Hashing.sha256Hex(dir.resolve(f[0])));
    }
    Run fetched = run(args.toArray(String[]::new));
    assertEquals(0, fetched.code(), fetched.err());
    assertEquals(cache.resolve("downloads/fashion-mnist").toString(), fetched.lastLine());
    assertTrue(fetched.out().contains("train-images-idx3-ubyte.gz"), fetched.out());
    assertTrue(fetched.out().contains("user sha256 (--expect-sha256"), fetched.out());
    assertFalse(fetched.out().contains("pinned sha256"), fetched.out());
    // prepare works offline from the cache without repeating --expect-sha256: the cache remembers it
    Run prepared = run("prepare", "fashion-mnist", "--cache", cache.toString(), "--offline", "-q");
    assertEquals(0, prepared.code(), prepared.err());
    assertTrue(prepared.out().contains("fashion-mnist (idx): 6 train + 2 test images"), prepared.out());
    assertEquals(4, prepared.out().lines().filter(l -> l.startsWith("source ")
        && l.endsWith(": user sha256 (--expect-sha256, overriding the pinned checksums)")).count(), prepared.out());
  }

  private static void idx(Path file, int[] dims, byte[] data) throws Exception {
    try (DataOutputStream d = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
      d.writeInt(0x0800 | dims.length);
      for (int v : dims) {
        d.writeInt(v);
      }
      d.write(data);
    }
  }

  @Test
  void badInputIsOneLineAndExitCodeTwo(@TempDir Path cache) {
    Run unknown = run("prepare", "imagenet", "--cache", cache.toString());
    assertEquals(2, unknown.code());
    assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
    assertTrue(unknown.err().contains("known datasets: procedural, cifar10, artbench10, coco, fashion-mnist"), unknown.err());
    Run offline = run("fetch", "cifar10", "--cache", cache.toString(), "--offline", "-q");
    assertEquals(2, offline.code());
    assertEquals(1, offline.err().strip().lines().count(), offline.err());
    assertTrue(offline.err().contains("--offline"), offline.err());
    Run generated = run("fetch", "procedural", "--cache", cache.toString());
    assertEquals(0, generated.code(), generated.err());
    assertTrue(generated.out().contains("nothing to fetch"), generated.out());
  }

  @Test
  void benchDataEndsWithKeyValues(@TempDir Path work) {
    Run r = run("bench", "data", "--train-size", "60", "--test-size", "20", "--threads", "1",
        "--fashion-dir", work.resolve("none").toString(), "--work-dir", work.toString());
    assertEquals(0, r.code(), r.err());
    String last = r.lastLine();
    assertTrue(last.startsWith("bench=data threads=1 procedural_images=80 "), last);
    assertTrue(last.contains("procedural_images_per_s=") && last.contains("fashion_mnist_images_per_s=NA"), last);
  }
}
