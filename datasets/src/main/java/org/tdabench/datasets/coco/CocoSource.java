package org.tdabench.datasets.coco;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.tdabench.core.Progress;
import org.tdabench.core.UserError;
import org.tdabench.datasets.DatasetSource;
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
import org.tdabench.datasets.text.TextEncoder;
import org.tdabench.datasets.text.TextEncoderSpec;

/**
 * COCO 2017 captions: train2017 (118,287 images) for training and val2017 (5,000) as the test
 * split. Images are resized so the shorter side is the resolution (64 by default, Pillow-equivalent
 * antialiased bilinear as the reference's torchvision Resize(64)) and stored non-square. Every
 * caption is kept and embedded. Training reads a random square crop and a random caption at every
 * access ({@link org.tdabench.datasets.PreparedDataset#trainingView}); evaluation, attribution and
 * generation take the centre square and caption 0.
 */
public final class CocoSource implements DatasetSource {
  public static final String NAME = "coco";
  static final int PREPROCESSING = 1;
  private static final int CHUNK = 128;

  private static final String PROVENANCE = "SHA-256 and size published by TensorFlow Datasets"
      + " (url_checksums/coco2017.txt); COCO itself publishes no checksums";

  public static final RemoteFile ANNOTATIONS = new RemoteFile("annotations_trainval2017.zip",
      URI.create("http://images.cocodataset.org/annotations/annotations_trainval2017.zip"), 252907541L,
      "113a836d90195ee1f884e704da6304dfaaecff1f023f49b6ca93c4aaae470268", null, null, PROVENANCE, "annotations");
  public static final RemoteFile TRAIN = new RemoteFile("train2017.zip",
      URI.create("http://images.cocodataset.org/zips/train2017.zip"), 19336861798L,
      "69a8bb58ea5f8f99d24875f21416de2e9ded3178e903f1f7603e283b9e06d929", null, null, PROVENANCE, "train2017");
  public static final RemoteFile VAL = new RemoteFile("val2017.zip",
      URI.create("http://images.cocodataset.org/zips/val2017.zip"), 815585330L,
      "4f7e2ccb2866ec5041993c9cf2a952bbed69647b115d0f74da7ce8f4bef82f05", null, null, PROVENANCE, "val2017");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "COCO 2017 captions: 118,287 train (train2017) / 5,000 test (val2017), shorter side 64, every caption embedded";
  }

  @Override
  public List<String> variants() {
    return List.of("2017");
  }

  @Override
  public List<RemoteFile> remoteFiles(String variant) {
    return List.of(ANNOTATIONS, TRAIN, VAL);
  }

  @Override
  public boolean looksExtracted(RemoteFile f, Path dir) {
    return f.equals(ANNOTATIONS) && Files.isRegularFile(dir.resolve("captions_train2017.json"));
  }

  @Override
  public PreparedWriter.Spec spec(PrepareContext ctx) {
    TextEncoderSpec text = ctx.options().text();
    Map<String, Object> identity = text.identity();
    Object declared = identity.get("dim");
    int dim = declared instanceof Number n ? n.intValue() : -1;
    if (dim <= 0) {
      try (TextEncoder enc = text.open()) {
        dim = enc.dim();
        identity.put("dim", dim);
      }
    }
    int r = ctx.resolution(64);
    Map<String, Object> recipe = new LinkedHashMap<>();
    recipe.put("resolution", r);
    recipe.put("resize", "shorter side to resolution, pil-bilinear-antialias, aspect kept; centre crop at use");
    recipe.put("text_encoder", identity);
    recipe.put("image_order", "ascending image id; captions in file order");
    return new PreparedWriter.Spec(NAME, "2017", NAME + "/" + PREPROCESSING, description(), 3, r, true, dim,
        "text-embedding", identity, List.of(), true, recipe);
  }

  @Override
  public void write(PrepareContext ctx, PreparedWriter out) throws IOException {
    try (TextEncoder encoder = ctx.options().text().open();
        Workers workers = new Workers(ctx.options().effectiveThreads())) {
      out.spec().encoder().putAll(encoder.describe());
      CocoCaptions train = captions(ctx, out, "captions_train2017.json");
      CocoCaptions val = captions(ctx, out, "captions_val2017.json");
      long total = train.images().size() + (long) val.images().size();
      try (Progress bar = ctx.progress(NAME, total)) {
        writeSplit(ctx, out, Split.TRAIN, train, images(ctx, out, TRAIN), encoder, workers, bar);
        writeSplit(ctx, out, Split.TEST, val, images(ctx, out, VAL), encoder, workers, bar);
      }
    }
  }

  private record Decoded(PixelImage image, float[][] embeddings) {}

  private void writeSplit(PrepareContext ctx, PreparedWriter out, Split split, CocoCaptions caps, CocoImages images,
      TextEncoder encoder, Workers workers, Progress bar) throws IOException {
    int r = out.spec().resolution();
    int skipped = 0;
    try (images) {
      List<CocoCaptions.Image> all = caps.images();
      for (int start = 0; start < all.size(); start += CHUNK) {
        List<CocoCaptions.Image> chunk = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        for (CocoCaptions.Image im : all.subList(start, Math.min(all.size(), start + CHUNK))) {
          if (caps.captionsOf(im.id()).isEmpty()) {
            skipped++;
            continue;
          }
          byte[] b = images.read(im.fileName());
          if (b == null) {
            throw new UserError(images.describe(im.fileName()) + " is missing but listed in the captions; the image"
                + " archive is incomplete or from another COCO release: fetch it again");
          }
          chunk.add(im);
          bytes.add(b);
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
          idx.add(i);
        }
        List<Decoded> decoded = workers.map(idx, i -> {
          CocoCaptions.Image im = chunk.get(i);
          PixelImage img = ImageDecoder.decodeRgb(bytes.get(i), images.describe(im.fileName()),
              "the archive is corrupt: delete it and fetch it again");
          PixelImage resized = PilResize.shorterSide(img, r);
          return new Decoded(resized, encoder.threadSafe() ? embed(encoder, caps.captionsOf(im.id())) : null);
        });
        float[][] batch = encoder.threadSafe() ? null : embed(encoder,
            chunk.stream().flatMap(im -> caps.captionsOf(im.id()).stream()).toList()); // one call per chunk
        int at = 0;
        for (int i = 0; i < chunk.size(); i++) {
          CocoCaptions.Image im = chunk.get(i);
          List<CocoCaptions.Caption> cs = caps.captionsOf(im.id());
          float[][] emb = batch == null ? decoded.get(i).embeddings()
              : java.util.Arrays.copyOfRange(batch, at, at + cs.size());
          at += cs.size();
          List<String> texts = cs.stream().map(CocoCaptions.Caption::text).toList();
          List<Long> annIds = cs.stream().map(CocoCaptions.Caption::id).toList();
          out.add(new Sample(split, -1, decoded.get(i).image(), emb[0], texts, List.of(emb),
              (split == Split.TRAIN ? "train2017/" : "val2017/") + im.fileName(), -1, annIds));
        }
        bar.step(Math.min(all.size(), start + CHUNK) - start);
      }
    }
    if (skipped > 0) {
      out.note(split.label() + ": skipped " + skipped + " images that have no caption.");
    }
  }

  private static float[][] embed(TextEncoder encoder, List<CocoCaptions.Caption> cs) {
    long[] ids = cs.stream().mapToLong(CocoCaptions.Caption::id).toArray();
    return encoder.encode(ids, cs.stream().map(CocoCaptions.Caption::text).toList());
  }

  /** A captions file from an extracted annotations folder (or --from folder), else from the annotations zip. */
  private static CocoCaptions captions(PrepareContext ctx, PreparedWriter out, String json) throws IOException {
    Optional<Path> from = ctx.from();
    if (from.isPresent() && Files.isDirectory(from.get()) && Files.isRegularFile(from.get().resolve(json))
        && !ctx.present(ANNOTATIONS)) {
      return fromFile(from.get().resolve(json), out);
    }
    Optional<Path> dir = ctx.present(ANNOTATIONS) ? Optional.empty()
        : ctx.findExtracted(ANNOTATIONS, d -> Files.isRegularFile(d.resolve(json)));
    if (dir.isPresent() && Files.isRegularFile(dir.get().resolve(json))) {
      return fromFile(dir.get().resolve(json), out);
    }
    VerifiedFile vf = ctx.require(ANNOTATIONS);
    if (json.contains("train")) { // one archive holds both files: record it once
      out.addSource(vf);
    }
    try (ZipFile zf = new ZipFile(vf.path().toFile())) {
      ZipEntry e = zf.getEntry("annotations/" + json);
      if (e == null) {
        e = zf.getEntry(json);
      }
      if (e == null) {
        throw new UserError(vf.path() + " lacks the member annotations/" + json
            + "; it is not the COCO 2017 annotations archive: fetch it again");
      }
      try (InputStream in = zf.getInputStream(e)) {
        return CocoCaptions.parse(in, vf.path() + ":" + e.getName());
      }
    } catch (java.util.zip.ZipException ex) {
      throw ctx.corrupt(vf.path(), ex);
    }
  }

  private static CocoCaptions fromFile(Path p, PreparedWriter out) throws IOException {
    out.addSource(new Manifest.Source(p.getFileName().toString(), Files.size(p),
        org.tdabench.core.Hashing.sha256Hex(p), null, "extracted file: no published checksum to check",
        PROVENANCE, p.toString()));
    try (InputStream in = Files.newInputStream(p)) {
      return CocoCaptions.parse(in, p.toString());
    }
  }

  /** The image zip (verified) if available, else an extracted folder, else a download. */
  private static CocoImages images(PrepareContext ctx, PreparedWriter out, RemoteFile rf) throws IOException {
    if (!ctx.present(rf)) {
      Optional<Path> dir = ctx.findExtracted(rf, d -> false);
      if (dir.isPresent()) {
        out.addSource(new Manifest.Source(rf.extractedName() + "/", -1, null, null,
            "extracted folder: no archive checksum; the prepared files' checksums identify the result",
            PROVENANCE, dir.get().toString()));
        return CocoImages.folder(dir.get());
      }
    }
    VerifiedFile vf = ctx.require(rf);
    out.addSource(vf);
    try {
      return CocoImages.zip(vf.path());
    } catch (IOException e) {
      throw ctx.corrupt(vf.path(), e);
    }
  }
}
