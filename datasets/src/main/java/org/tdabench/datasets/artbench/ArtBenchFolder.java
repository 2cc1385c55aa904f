package org.tdabench.datasets.artbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tdabench.core.Progress;
import org.tdabench.core.UserError;
import org.tdabench.datasets.PrepareContext;
import org.tdabench.datasets.Split;
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
 * The ArtBench-10 "folder" variant: the 256x256 ImageFolder split (tar or extracted tree) and the
 * metadata CSV, resized as the reference does (shorter side to the resolution, Pillow bilinear).
 */
final class ArtBenchFolder {
  private static final Logger LOG = LoggerFactory.getLogger(ArtBenchFolder.class);
  /** More missing images than this fraction means the wrong folder, not the reference's few skips. */
  static final double MAX_MISSING = 0.10;
  private static final RemoteFile FOLDER_TAR = ArtBenchSource.FOLDER_TAR;
  private static final RemoteFile METADATA = ArtBenchSource.METADATA;

  private ArtBenchFolder() {}

  /** Fetches (or adopts) the metadata and the image tar, or records an extracted tree. */
  static List<VerifiedFile> fetch(PrepareContext ctx) throws IOException {
    List<VerifiedFile> out = new ArrayList<>();
    out.add(metadataFile(ctx)); // also accepts metadata.csv beside the images
    Optional<Path> tree = extractedTree(ctx);
    if (tree.isPresent()) {
      out.add(new VerifiedFile(FOLDER_TAR.fileName(), tree.get(), -1, null, null,
          "extracted folder (checked when prepared)", FOLDER_TAR.provenance(), tree.get().toString()));
    } else {
      out.add(imageTar(ctx));
    }
    return out;
  }

  static void write(PrepareContext ctx, PreparedWriter out) throws IOException {
    Path csv = metadata(ctx, out);
    List<ArtBenchMetadata.Row> rows = ArtBenchMetadata.read(csv);
    Optional<Path> tree = extractedTree(ctx);
    ImageTree images;
    if (tree.isPresent()) {
      images = ImageTree.folder(tree.get());
      out.addSource(new Manifest.Source(FOLDER_TAR.extractedName() + "/", -1, null, null,
          "extracted folder: no archive checksum; the prepared files' checksums identify the result",
          FOLDER_TAR.provenance(), tree.get().toString()));
    } else {
      VerifiedFile vf = imageTar(ctx);
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
        Progress bar = ctx.progress(ArtBenchSource.NAME, rows.size())) {
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

  /** A tar given with --from (under any name), else the cached or downloaded one. */
  private static Optional<Path> fromTar(PrepareContext ctx) {
    Optional<Path> from = ctx.from();
    return from.filter(f -> Files.isRegularFile(f) && !f.toString().endsWith(".csv"));
  }

  /**
   * The extracted image tree to read, if one should be used: --from wins (a tar under any name, or a
   * folder), then the cached tar, then a cached extracted tree.
   */
  private static Optional<Path> extractedTree(PrepareContext ctx) throws IOException {
    if (fromTar(ctx).isPresent() || (ctx.from().isEmpty() && ctx.present(FOLDER_TAR))) {
      return Optional.empty();
    }
    return ctx.findExtracted(FOLDER_TAR, ImageTree::looksLikeTree);
  }

  private static VerifiedFile imageTar(PrepareContext ctx) throws IOException {
    Optional<Path> tar = fromTar(ctx);
    return tar.isPresent() ? ctx.adopt(FOLDER_TAR, tar.get()) : ctx.require(FOLDER_TAR);
  }

  /** The metadata CSV, recorded as a source of {@code out}. */
  private static Path metadata(PrepareContext ctx, PreparedWriter out) throws IOException {
    VerifiedFile vf = metadataFile(ctx);
    out.addSource(vf);
    return vf.path();
  }

  /** metadata.csv or ArtBench-10.csv in --from (or beside a --from tar), else the cache or a download. */
  private static VerifiedFile metadataFile(PrepareContext ctx) throws IOException {
    Optional<Path> from = ctx.from();
    if (from.isPresent()) {
      Path f = from.get();
      List<Path> candidates = Files.isDirectory(f)
          ? List.of(f.resolve("metadata.csv"), f.resolve(METADATA.fileName()))
          : List.of(f.resolveSibling("metadata.csv"), f.resolveSibling(METADATA.fileName()));
      for (Path c : candidates) {
        if (Files.isRegularFile(c)) {
          return ctx.adopt(METADATA, c);
        }
      }
    }
    return ctx.require(METADATA);
  }
}
