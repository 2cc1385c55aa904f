package org.tdabench.benchmark.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tdabench.core.AtomicFiles;
import org.tdabench.core.UserError;
import org.tdabench.datasets.Datasets;
import org.tdabench.datasets.PrepareOptions;
import org.tdabench.datasets.PreparedDataset;
import org.tdabench.datasets.fashion.FashionMnistSource;
import org.tdabench.datasets.procedural.ProceduralConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tdabench bench data}: prepare throughput (images/s, verification and writing included) for
 * the procedural set and, where its files are present, Fashion-MNIST; plus read throughput of the
 * memory-mapped result. Each prepare runs into a fresh temporary cache after one small warm-up.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
    description = "Prepare throughput in images/s for the procedural set and Fashion-MNIST (when present), and"
        + " read throughput of the prepared arrays; the last line is key=value pairs.")
public final class BenchDataCommand implements Callable<Integer> {

  @Option(names = "--train-size", paramLabel = "N", defaultValue = "5000",
      description = "procedural training images (default: 5000).")
  int trainSize;

  @Option(names = "--test-size", paramLabel = "N", defaultValue = "1000",
      description = "procedural test images (default: 1000).")
  int testSize;

  @Option(names = "--resolution", paramLabel = "R", defaultValue = "16",
      description = "procedural resolution (default: 16).")
  int resolution;

  @Option(names = "--fashion-dir", paramLabel = "DIR", defaultValue = FashionMnistSource.DEBIAN_DIR,
      description = "Folder with the four Fashion-MNIST .gz files (default: ${DEFAULT-VALUE}).")
  Path fashionDir;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Worker threads (default: all cores).")
  int threads;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where the temporary caches go (default: the system temporary folder).")
  Path workDir;

  @Override
  public Integer call() throws IOException {
    if (trainSize < 1 || testSize < 1 || resolution < 8 || threads < 0) {
      throw new UserError("--train-size and --test-size must be >= 1, --resolution >= 8, --threads >= 0");
    }
    int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    Path base = workDir == null ? Files.createTempDirectory("tdabench-bench-data")
        : Files.createDirectories(workDir).resolve("bench-data-" + ProcessHandle.current().pid());
    Map<String, Object> kv = new LinkedHashMap<>();
    kv.put("bench", "data");
    kv.put("threads", t);
    try {
      // warm-up: JIT-compile the generator, writer and reader before timing
      ProceduralConfig warm = ProceduralConfig.of(200, 50, resolution, 1);
      readRate(Datasets.prepare("procedural", PrepareOptions.defaults().withCache(base.resolve("warm")).withThreads(t)
          .withProcedural(warm)));

      ProceduralConfig cfg = ProceduralConfig.of(trainSize, testSize, resolution, 0);
      long n = (long) trainSize + testSize;
      long t0 = System.nanoTime();
      Path proc = Datasets.prepare("procedural", PrepareOptions.defaults().withCache(base.resolve("procedural"))
          .withThreads(t).withProcedural(cfg));
      double secs = (System.nanoTime() - t0) / 1e9;
      double readRate = readRate(proc);
      System.out.printf(Locale.ROOT, "procedural %dx%d: %d images prepared in %.2f s = %.0f images/s; read %.0f images/s%n",
          resolution, resolution, n, secs, n / secs, readRate);
      kv.put("procedural_images", n);
      kv.put("procedural_resolution", resolution);
      kv.put("procedural_images_per_s", n / secs);
      kv.put("procedural_read_images_per_s", readRate);

      if (Files.isRegularFile(fashionDir.resolve("train-images-idx3-ubyte.gz"))) {
        long f0 = System.nanoTime();
        Path fm = Datasets.prepare("fashion-mnist", PrepareOptions.defaults().withCache(base.resolve("fashion"))
            .withThreads(t).withFrom(fashionDir).withOffline(true));
        double fs = (System.nanoTime() - f0) / 1e9;
        long fn;
        try (PreparedDataset d = PreparedDataset.open(fm)) {
          fn = d.size();
        }
        double fr = readRate(fm);
        System.out.printf(Locale.ROOT, "fashion-mnist 28x28: %d images prepared (verified) in %.2f s = %.0f images/s;"
            + " read %.0f images/s%n", fn, fs, fn / fs, fr);
        kv.put("fashion_mnist_images", fn);
        kv.put("fashion_mnist_images_per_s", fn / fs);
        kv.put("fashion_mnist_read_images_per_s", fr);
      } else {
        System.out.println("fashion-mnist: not found in " + fashionDir + " (apt-get install dataset-fashion-mnist); skipped");
        kv.put("fashion_mnist_images_per_s", "NA");
      }
    } finally {
      AtomicFiles.deleteRecursively(base);
    }
    System.out.println(KeyValueLine.format(kv));
    return 0;
  }

  /** Images/s converting every prepared image to floats in [-1, 1], one pass. */
  private static double readRate(Path folder) {
    try (PreparedDataset d = PreparedDataset.open(folder)) {
      float[] buf = new float[d.imageSize()];
      double sink = 0;
      long t0 = System.nanoTime();
      for (int r = 0; r < d.size(); r++) {
        d.image(r, buf, 0);
        sink += buf[0];
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      if (Double.isNaN(sink)) {
        throw new IllegalStateException("unreachable");
      }
      return d.size() / secs;
    }
  }
}
