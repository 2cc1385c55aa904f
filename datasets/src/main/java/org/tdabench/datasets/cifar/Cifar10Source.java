package org.tdabench.datasets.cifar;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tdabench.core.UserError;
import org.tdabench.datasets.DatasetSource;
import org.tdabench.datasets.PrepareContext;
import org.tdabench.datasets.fetch.RemoteFile;
import org.tdabench.datasets.fetch.VerifiedFile;
import org.tdabench.datasets.prepared.PreparedWriter;

/**
 * CIFAR-10 (Krizhevsky 2009): 50,000 train and 10,000 test images, 32 x 32 RGB, 10 classes, read
 * from the python or the binary archive (both give identical pixels and labels). Conditioning is
 * the one-hot class; ids are the global running index, train (batches 1-5 in order) then test.
 */
public final class Cifar10Source implements DatasetSource {
  public static final String NAME = "cifar10";
  /** Bumped whenever the prepared output of this source changes. */
  static final int PREPROCESSING = 1;

  /** Class names in label order, as in the archives' meta files. */
  public static final List<String> CLASSES = List.of(
      "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

  private static final String PROVENANCE = "MD5 published on the CIFAR-10 page (www.cs.toronto.edu/~kriz/cifar.html);"
      + " SHA-256 published by TensorFlow Datasets (tensorflow_datasets/url_checksums/cifar10)";

  /** The python-version archive. */
  public static final RemoteFile PYTHON = new RemoteFile("cifar-10-python.tar.gz",
      URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"), -1,
      "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce", "c58f30108f718f92721af3b95e74349a", null,
      PROVENANCE, null);

  /** The binary-version archive. */
  public static final RemoteFile BINARY = new RemoteFile("cifar-10-binary.tar.gz",
      URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"), 170052171L,
      "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd", "c32a1d4ab5d03f1284b67883e8d87530", null,
      PROVENANCE, null);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "CIFAR-10: 50,000 train / 10,000 test, 32x32 RGB, 10 classes (python or binary archive)";
  }

  @Override
  public List<String> variants() {
    return List.of("python", "binary");
  }

  @Override
  public List<RemoteFile> remoteFiles(String variant) {
    return List.of("binary".equals(variant) ? BINARY : PYTHON);
  }

  @Override
  public String variant(PrepareContext ctx) {
    return inferVariant(ctx, this, PYTHON, BINARY);
  }

  /**
   * The explicit variant, else the layout of a {@code --from} archive, else whichever archive the
   * cache holds (python first), else python.
   */
  static String inferVariant(PrepareContext ctx, DatasetSource src, RemoteFile python, RemoteFile binary) {
    Optional<String> v = ctx.explicitVariant(src);
    if (v.isPresent()) {
      return v.get();
    }
    Optional<Path> from = ctx.from();
    if (from.isPresent() && Files.isRegularFile(from.get())) {
      try {
        return CifarArchive.sniff(from.get()) == CifarArchive.Layout.BINARY ? "binary" : "python";
      } catch (IOException e) {
        String name = from.get().getFileName().toString();
        if (name.equals(python.fileName()) || name.equals(binary.fileName())) {
          throw PrepareContext.corrupt(from.get().toString(), e, src.name());
        }
        throw ctx.notOneOf(from.get(), "nor readable as either: " + UserError.oneLine(e.getMessage()));
      }
    }
    if (!ctx.present(python) && ctx.present(binary)) {
      return "binary";
    }
    return "python";
  }

  /** The archive of the variant, from {@code --from} whatever its name (its content chose the variant). */
  @Override
  public List<VerifiedFile> fetch(PrepareContext ctx) throws IOException {
    return List.of(requireArchive(ctx, "binary".equals(variant(ctx)) ? BINARY : PYTHON));
  }

  @Override
  public PreparedWriter.Spec spec(PrepareContext ctx) {
    String variant = variant(ctx);
    int r = ctx.resolution(32);
    Map<String, Object> recipe = new LinkedHashMap<>();
    recipe.put("resolution", r);
    recipe.put("resize", r == 32 ? "none" : "pil-bilinear-antialias");
    return new PreparedWriter.Spec(NAME, variant, NAME + "/" + PREPROCESSING, description(), 3, r, false,
        CLASSES.size(), "one-hot", null, CLASSES, false, recipe);
  }

  @Override
  public void write(PrepareContext ctx, PreparedWriter out) throws IOException {
    RemoteFile rf = "binary".equals(out.spec().variant()) ? BINARY : PYTHON;
    VerifiedFile vf = requireArchive(ctx, rf);
    out.addSource(vf);
    CifarArchive.Contents c;
    try {
      c = CifarArchive.read(vf.path(), List.of("batches.meta"), List.of("label_names"));
    } catch (IOException e) {
      throw ctx.corrupt(vf.path(), e);
    }
    if (c.classNames() != null && !c.classNames().equals(CLASSES)) {
      throw new UserError(vf.path() + " lists classes " + c.classNames() + ", not CIFAR-10's; pass the CIFAR-10 archive");
    }
    int[] identity = new int[CLASSES.size()];
    for (int i = 0; i < identity.length; i++) {
      identity[i] = i;
    }
    CifarWriting.write(ctx, out, c, identity, CLASSES, rf.fileName());
  }

  /** The archive from {@code --from} under any file name, or the cache, or a download. */
  static VerifiedFile requireArchive(PrepareContext ctx, RemoteFile rf) throws IOException {
    Optional<Path> from = ctx.from();
    if (from.isPresent() && Files.isRegularFile(from.get())) {
      return ctx.adopt(rf, from.get());
    }
    return ctx.require(rf);
  }
}
