package org.tdabench.datasets.artbench;

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
import org.tdabench.datasets.cifar.CifarArchive;
import org.tdabench.datasets.cifar.CifarWriting;
import org.tdabench.datasets.fetch.RemoteFile;
import org.tdabench.datasets.fetch.VerifiedFile;
import org.tdabench.datasets.prepared.PreparedWriter;

/**
 * ArtBench-10 (Liao et al. 2022): 50,000 train / 10,000 test artworks in 10 styles. Variants:
 * <ul>
 *   <li>{@code folder} (default, as the reference): the 256x256 ImageFolder split (tar or extracted
 *       tree) with the metadata CSV; each image is resized so its shorter side is the resolution
 *       (64 by default) with Pillow's antialiased bilinear filter, as torchvision's Resize(64);
 *   <li>{@code python} / {@code binary}: the 32x32 CIFAR-style archives.
 * </ul>
 * Labels follow the pinned alphabetical style order ({@link ArtBenchMetadata#STYLES}).
 */
public final class ArtBenchSource implements DatasetSource {
  public static final String NAME = "artbench10";
  static final int PREPROCESSING = 1;

  private static final String BASE = "https://artbench.eecs.berkeley.edu/files/";

  /** The 256x256 ImageFolder with train/test split (nothing published: first use recorded). */
  public static final RemoteFile FOLDER_TAR = RemoteFile.unpublished("artbench-10-imagefolder-split.tar",
      BASE + "artbench-10-imagefolder-split.tar", "artbench-10-imagefolder-split");
  /** The metadata CSV (nothing published: first use recorded). */
  public static final RemoteFile METADATA = RemoteFile.unpublished("ArtBench-10.csv", BASE + "ArtBench-10.csv", null);
  /** The 32x32 CIFAR-python archive; its MD5 is published in the maintainers' artbench.py. */
  public static final RemoteFile PYTHON = new RemoteFile("artbench-10-python.tar.gz",
      URI.create(BASE + "artbench-10-python.tar.gz"), -1, null, "9df1e998ee026aae36ec60ca7b44960e", null,
      "MD5 published in artbench.py of github.com/liaopeiyuan/artbench; the SHA-256 is computed and recorded", null);
  /** The 32x32 CIFAR-binary archive (nothing published: first use recorded). */
  public static final RemoteFile BINARY = RemoteFile.unpublished("artbench-10-binary.tar.gz",
      BASE + "artbench-10-binary.tar.gz", null);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "ArtBench-10: 50,000 train / 10,000 test artworks, 10 styles (256x256 folders + metadata CSV, or 32x32 archives)";
  }

  @Override
  public List<String> variants() {
    return List.of("folder", "python", "binary");
  }

  @Override
  public List<RemoteFile> remoteFiles(String variant) {
    return switch (variant) {
      case "python" -> List.of(PYTHON);
      case "binary" -> List.of(BINARY);
      default -> List.of(METADATA, FOLDER_TAR);
    };
  }

  @Override
  public boolean looksExtracted(RemoteFile f, Path dir) {
    return f.equals(FOLDER_TAR) && ImageTree.looksLikeTree(dir);
  }

  @Override
  public String variant(PrepareContext ctx) {
    Optional<String> v = ctx.explicitVariant(this);
    if (v.isPresent()) {
      return v.get();
    }
    Optional<Path> from = ctx.from();
    if (from.isPresent() && Files.isRegularFile(from.get()) && !from.get().toString().endsWith(".csv")
        && !from.get().getFileName().toString().equals(FOLDER_TAR.fileName())) {
      try {
        return CifarArchive.sniff(from.get()) == CifarArchive.Layout.BINARY ? "binary" : "python";
      } catch (IOException e) {
        return "folder"; // not a CIFAR-style archive: the image-folder tar
      }
    }
    if (from.isEmpty() && !ctx.present(FOLDER_TAR) && !ctx.present(METADATA)
        && ctx.store().lookupExtracted(FOLDER_TAR).isEmpty()) {
      if (ctx.present(PYTHON)) {
        return "python";
      }
      if (ctx.present(BINARY)) {
        return "binary";
      }
    }
    return "folder";
  }

  @Override
  public List<VerifiedFile> fetch(PrepareContext ctx) throws IOException {
    String variant = variant(ctx);
    if (!variant.equals("folder")) {
      return List.of(archive(ctx, variant.equals("binary") ? BINARY : PYTHON));
    }
    return ArtBenchFolder.fetch(ctx);
  }

  @Override
  public PreparedWriter.Spec spec(PrepareContext ctx) {
    String variant = variant(ctx);
    boolean folder = variant.equals("folder");
    int r = ctx.resolution(folder ? 64 : 32);
    Map<String, Object> recipe = new LinkedHashMap<>();
    recipe.put("resolution", r);
    recipe.put("resize", folder ? "shorter side to resolution, pil-bilinear-antialias, centre square"
        : r == 32 ? "none" : "pil-bilinear-antialias");
    recipe.put("class_order", "pinned alphabetical");
    return new PreparedWriter.Spec(NAME, variant, NAME + "/" + PREPROCESSING, description(), 3, r, false,
        ArtBenchMetadata.STYLES.size(), "one-hot", null, ArtBenchMetadata.STYLES, false, recipe);
  }

  @Override
  public void write(PrepareContext ctx, PreparedWriter out) throws IOException {
    if (out.spec().variant().equals("folder")) {
      ArtBenchFolder.write(ctx, out);
    } else {
      writeCifarStyle(ctx, out, out.spec().variant().equals("binary") ? BINARY : PYTHON);
    }
  }

  /** A CIFAR-style archive: the {@code --from} file whatever its name (its content chose the variant), else the cache. */
  private static VerifiedFile archive(PrepareContext ctx, RemoteFile rf) throws IOException {
    Optional<Path> from = ctx.from();
    return from.isPresent() && Files.isRegularFile(from.get()) ? ctx.adopt(rf, from.get()) : ctx.require(rf);
  }

  private void writeCifarStyle(PrepareContext ctx, PreparedWriter out, RemoteFile rf) throws IOException {
    VerifiedFile vf = archive(ctx, rf);
    out.addSource(vf);
    CifarArchive.Contents c;
    try {
      c = CifarArchive.read(vf.path(), List.of("meta", "batches.meta"), List.of("styles", "label_names"));
    } catch (IOException e) {
      throw ctx.corrupt(vf.path(), e);
    }
    int[] map = new int[ArtBenchMetadata.STYLES.size()];
    for (int i = 0; i < map.length; i++) {
      map[i] = i;
    }
    if (c.classNames() != null) {
      if (c.classNames().size() != map.length) {
        throw new UserError(vf.path() + " lists " + c.classNames().size() + " styles, not ArtBench-10's 10");
      }
      for (int i = 0; i < map.length; i++) {
        map[i] = ArtBenchMetadata.styleIndex(c.classNames().get(i));
        if (map[i] < 0) {
          throw new UserError(vf.path() + " lists the unknown style '" + c.classNames().get(i) + "'");
        }
      }
    } else {
      out.note("The archive has no class-name list; labels were taken to follow the pinned alphabetical style order.");
    }
    CifarWriting.write(ctx, out, c, map, ArtBenchMetadata.STYLES, rf.fileName());
  }

}
