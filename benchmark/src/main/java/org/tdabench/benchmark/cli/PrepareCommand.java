package org.tdabench.benchmark.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tdabench.core.Progress;
import org.tdabench.core.UserError;
import org.tdabench.datasets.Datasets;
import org.tdabench.datasets.PrepareOptions;
import org.tdabench.datasets.PreparedDataset;
import org.tdabench.datasets.Split;
import org.tdabench.datasets.fetch.FetchConfig;
import org.tdabench.datasets.prepared.Manifest;
import org.tdabench.datasets.procedural.ProceduralConfig;
import org.tdabench.datasets.text.TextEncoderSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tdabench prepare DATASET}: fetch (if needed), verify and convert a dataset to the canonical
 * prepared format; the prepared folder's path is the last line of stdout.
 */
@Command(name = "prepare", mixinStandardHelpOptions = true,
    description = {"Prepare a dataset in the canonical format (images.u8, cond.f32, index.csv, manifest.json)"
        + " unless an intact folder for the same recipe exists; downloads missing sources unless --offline.",
        "Datasets: procedural (default, generated), cifar10, artbench10, coco, fashion-mnist.",
        "The last line of output is the prepared folder."})
public final class PrepareCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DATASET", defaultValue = "procedural",
      description = "Dataset name (default: procedural).")
  String dataset;

  @Mixin
  SourceOptions source = new SourceOptions();

  @Option(names = "--resolution", paramLabel = "R",
      description = "Square side (COCO: shorter side). Default: the dataset's (procedural 16, CIFAR-10 32,"
          + " ArtBench folders 64, COCO 64, Fashion-MNIST 28).")
  Integer resolution;

  @Option(names = "--force", description = "Rebuild even if the prepared folder exists.")
  boolean force;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "Decoding/resizing threads (default: all cores).")
  int threads;

  @Option(names = "--train-size", paramLabel = "N", description = "procedural: training images (default: 1000).")
  Integer trainSize;

  @Option(names = "--test-size", paramLabel = "N", description = "procedural: test images (default: 200).")
  Integer testSize;

  @Option(names = "--seed", paramLabel = "S", description = "procedural: generator seed (default: 0).")
  Long seed;

  @Option(names = "--duplicate-groups", paramLabel = "G",
      description = "procedural: planted near-duplicate groups of 3 (default: about 6%% of the training set).")
  Integer duplicateGroups;

  @Option(names = "--embeddings", paramLabel = "FILE",
      description = "coco: caption embeddings from an .npz with 'ids' (annotation ids) and 'embeddings' [M, D].")
  Path embeddings;

  @Option(names = "--text-model", paramLabel = "DIR",
      description = "coco: a TensorFlow SavedModel text encoder (serving_default: string [B] -> float [B, D]).")
  Path textModel;

  @Option(names = "--embed-dim", paramLabel = "D", defaultValue = "768",
      description = "coco: width of the built-in hashed n-gram embedding (default: 768).")
  int embedDim;

  @Override
  public Integer call() {
    PrepareOptions o = options();
    Path folder = Datasets.prepare(dataset, o);
    try (PreparedDataset d = PreparedDataset.open(folder)) {
      Manifest m = d.manifest();
      System.out.printf(Locale.ROOT, "%s (%s): %d train + %d test images, %s %s, cond %d (%s)%n", d.name(),
          m.variant(), d.count(Split.TRAIN), d.count(Split.TEST), m.images().layout(), m.images().shape(),
          d.condDim(), m.cond().kind());
      for (Manifest.Source s : m.sources()) {
        System.out.printf(Locale.ROOT, "source %s: %s%n", s.file(), s.verifiedAgainst());
      }
      for (String n : m.notes()) {
        System.out.println("note: " + n);
      }
    }
    System.out.println(folder);
    return 0;
  }

  PrepareOptions options() {
    if (embeddings != null && textModel != null) {
      throw new UserError("pass either --embeddings or --text-model, not both");
    }
    ProceduralConfig p = ProceduralConfig.defaults();
    p = new ProceduralConfig(trainSize == null ? p.trainSize() : trainSize, testSize == null ? p.testSize() : testSize,
        p.resolution(), seed == null ? p.seed() : seed, duplicateGroups == null ? -1 : duplicateGroups,
        p.duplicateGroupSize());
    TextEncoderSpec text = embeddings != null ? TextEncoderSpec.file(embeddings)
        : textModel != null ? TextEncoderSpec.savedModel(textModel) : TextEncoderSpec.hashed(embedDim);
    if (threads < 0) {
      throw new UserError("--threads must be >= 0");
    }
    return source.apply(PrepareOptions.defaults()).withResolution(resolution).withForce(force).withThreads(threads)
        .withProcedural(p).withText(text);
  }

  /** Options shared by {@code fetch} and {@code prepare}: where sources and the cache are. */
  public static final class SourceOptions {
    @Option(names = "--cache", paramLabel = "DIR",
        description = "Cache folder (default: $TDABENCH_CACHE, else $XDG_CACHE_HOME/tdabench or ~/.cache/tdabench).")
    Path cache;

    @Option(names = "--from", paramLabel = "PATH",
        description = "An archive or folder you already have (offline mode); it is verified, then linked into the cache.")
    Path from;

    @Option(names = "--variant", paramLabel = "V",
        description = "Source form: cifar10 python|binary, artbench10 folder|python|binary (default: inferred).")
    String variant;

    @Option(names = "--offline", description = "Never download; fail with a clear message when a source is missing.")
    boolean offline;

    @Option(names = "--mirror", paramLabel = "URL", description = "Download every file from URL/<file name> instead.")
    URI mirror;

    @Option(names = "--url", paramLabel = "FILE=URL", description = "Download one file from another URL (repeatable).")
    Map<String, URI> urls = new LinkedHashMap<>();

    @Option(names = "--expect-sha256", paramLabel = "FILE=SHA256",
        description = "Replace a file's pinned checksum (re-packaged mirrors; recorded in the manifest).")
    Map<String, String> expectedSha256 = new LinkedHashMap<>();

    @Option(names = "--retries", paramLabel = "N", defaultValue = "5",
        description = "Download attempts per file, with exponential backoff (default: 5).")
    int attempts;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars.")
    boolean quiet;

    PrepareOptions apply(PrepareOptions o) {
      if (attempts < 1) {
        throw new UserError("--retries must be >= 1");
      }
      FetchConfig f = FetchConfig.defaults().withAttempts(attempts).withMirror(mirror).withUrls(urls)
          .withExpectedSha256(expectedSha256);
      return o.withCache(cache).withFrom(from).withVariant(variant).withOffline(offline).withFetch(f)
          .withProgress(quiet ? Progress.Factory.none() : Progress.Factory.stderr());
    }
  }
}
