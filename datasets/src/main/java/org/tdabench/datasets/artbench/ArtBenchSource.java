package org.tdabench.datasets.artbench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tdabench.core.UserError;
import org.tdabench.datasets.DatasetSource;
import org.tdabench.datasets.PrepareContext;
import org.tdabench.datasets.Progress;
import org.tdabench.datasets.Split;
import org.tdabench.datasets.cifar.CifarArchive;
import org.tdabench.datasets.cifar.CifarWriting;
import org.tdabench.datasets.fetch.RemoteFile;
import org.tdabench.datasets.fetch.VerifiedFile;
import org.tdabench.datasets.image.ImageDecoder;
import org.tdabench.datasets.image.PilResize;
import org.tdabench.datasets.image.PixelImage;
import org.tdabench.datasets.prepared.Manifest;
import org.tdabench.datasets.prepared.PreparedWriter;
import org.tdabench.datasets.prepared.Sample;
import org.tdabench.datasets.prepared.Workers;

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
  private static final Logger LOG = LoggerFactory.getLogger(ArtBenchSource.class);
  public static final String NAME = "artbench10";
  static final int PREPROCESSING = 1;
  /** More missing images than this fraction means the wrong folder, not the reference's few skips. */
  static final double MAX_MISSING = 0.10;

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
      writeFolder(ctx, out);
    } else {
      writeCifarStyle(ctx, out, out.spec().variant().equals("binary") ? BINARY : PYTHON);
    }
  }

  private void writeCifarStyle(PrepareContext ctx, PreparedWriter out, RemoteFile rf) throws IOException {
    Optional<Path> from = ctx.from();
    VerifiedFile vf = from.isPresent() && Files.isRegularFile(from.get()) ? ctx.adopt(rf, from.get()) : ctx.require(rf);
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

  private void writeFolder(PrepareContext ctx, PreparedWriter out) throws IOException {
    Path csv = metadata(ctx, out);
    List<ArtBenchMetadata.Row> rows = ArtBenchMetadata.read(csv);
    // --from wins (a tar under any name, or a folder); then the cached tar; then a cached extracted tree
    Optional<Path> from = ctx.from();
    boolean fromTar = from.isPresent() && Files.isRegularFile(from.get()) && !from.get().toString().endsWith(".csv");
    Optional<Path> tree = fromTar || (from.isEmpty() && ctx.present(FOLDER_TAR)) ? Optional.empty()
        : ctx.findExtracted(FOLDER_TAR, ImageTree::looksLikeTree);
    ImageTree images;
    if (tree.isPresent()) {
      images = ImageTree.folder(tree.get());
      out.addSource(new Manifest.Source(FOLDER_TAR.extractedName() + "/", -1, null, null,
          "extracted folder: no archive checksum; the prepared files' checksums identify the result",
          FOLDER_TAR.provenance(), tree.get().toString()));
    } else {
      VerifiedFile vf = fromTar ? ctx.adopt(FOLDER_TAR, from.get()) : ctx.require(FOLDER_TAR);
      out.addSource(vf);
      try {
        images = ImageTree.tar(vf.path());
      } catch (IOException e) {
        throw ctx.corrupt(vf.path(), e);
      }
    }
    int r = out.spec().resolution();
    List<String> missing = new ArrayList<>();
    long[] written = new long[2];
    long[] listed = new long[2];
    try (images; Workers workers = new Workers(ctx.options().effectiveThreads());
        Progress bar = ctx.progress(NAME, rows.size())) {
      for (Split split : Split.values()) {
        List<ArtBenchMetadata.Row> todo = rows.stream().filter(x -> x.split() == split).toList();
        listed[split.ordinal()] = todo.size();
        for (int start = 0; start < todo.size(); start += 256) {
          List<ArtBenchMetadata.Row> chunk = todo.subList(start, Math.min(todo.size(), start + 256));
          List<byte[]> bytes = new ArrayList<>();
          List<ArtBenchMetadata.Row> present = new ArrayList<>();
          for (ArtBenchMetadata.Row row : chunk) {
            byte[] b;
            try {
              b = images.read(split.label(), row.label(), row.name());
            } catch (IOException e) {
              throw ctx.corrupt(Path.of(images.describe(split.label(), row.label(), row.name())), e);
            }
            if (b == null) {
              missing.add(split.label() + "/" + ArtBenchMetadata.STYLES.get(row.label()) + "/" + row.name());
            } else {
              bytes.add(b);
              present.add(row);
            }
          }
          List<Integer> idx = new ArrayList<>();
          for (int i = 0; i < present.size(); i++) {
            idx.add(i);
          }
          List<PixelImage> decoded = workers.map(idx, i -> {
            ArtBenchMetadata.Row row = present.get(i);
            PixelImage img = ImageDecoder.decodeRgb(bytes.get(i), images.describe(split.label(), row.label(), row.name()),
                "the archive is corrupt: delete it and fetch it again");
            PixelImage resized = PilResize.shorterSide(img, r);
            return resized.height() == r && resized.width() == r ? resized : resized.centerCrop(r);
          });
          for (int i = 0; i < present.size(); i++) {
            ArtBenchMetadata.Row row = present.get(i);
            out.add(Sample.labelled(split, row.label(), decoded.get(i), Sample.oneHot(row.label(), 10),
                ArtBenchMetadata.STYLES.get(row.label()),
                split.label() + "/" + ArtBenchMetadata.STYLES.get(row.label()) + "/" + row.name(), -1));
            written[split.ordinal()]++;
          }
          bar.step(chunk.size());
        }
      }
    }
    if (missing.size() > MAX_MISSING * rows.size() || written[0] == 0 || written[1] == 0) {
      throw new UserError(missing.size() + " of the " + rows.size() + " images listed in " + csv
          + " are missing from the image folder" + (missing.isEmpty() ? "" : " (e.g. " + missing.get(0) + ")")
          + " and a split would be empty or mostly missing; pass the matching"
          + " artbench-10-imagefolder-split tar or folder with --from");
    }
    out.note("Metadata rows: " + rows.size() + " (train " + listed[0] + ", test " + listed[1] + "); prepared: train "
        + written[0] + ", test " + written[1] + ".");
    if (!missing.isEmpty()) {
      LOG.warn("{} images listed in the ArtBench metadata are missing and were skipped (as the reference does)",
          missing.size());
      out.note("Skipped " + missing.size() + " rows whose image is missing (as the reference does): "
          + String.join(", ", missing.subList(0, Math.min(20, missing.size())))
          + (missing.size() > 20 ? ", ..." : "") + ".");
    }
  }

  /** The metadata CSV: metadata.csv or ArtBench-10.csv in --from (or beside the tree), else the cache or a download. */
  private static Path metadata(PrepareContext ctx, PreparedWriter out) throws IOException {
    Optional<Path> from = ctx.from();
    if (from.isPresent()) {
      Path f = from.get();
      List<Path> candidates = Files.isDirectory(f)
          ? List.of(f.resolve("metadata.csv"), f.resolve(METADATA.fileName()))
          : List.of(f.resolveSibling("metadata.csv"), f.resolveSibling(METADATA.fileName()));
      for (Path c : candidates) {
        if (Files.isRegularFile(c)) {
          VerifiedFile vf = ctx.adopt(METADATA, c);
          out.addSource(vf);
          return vf.path();
        }
      }
    }
    VerifiedFile vf = ctx.require(METADATA);
    out.addSource(vf);
    return vf.path();
  }
}
