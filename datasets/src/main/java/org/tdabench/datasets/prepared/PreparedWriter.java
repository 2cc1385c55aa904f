package org.tdabench.datasets.prepared;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tdabench.core.Hashing;
import org.tdabench.datasets.Split;
import org.tdabench.datasets.fetch.VerifiedFile;

/**
 * Streams samples into a (temporary) prepared folder: pixels to {@code images.u8}, conditioning to
 * {@code cond.f32}, rows to {@code index.csv} (and captions to {@code captions.*}), and writes
 * {@code manifest.json} last, with the checksums of every file. Samples must arrive train first,
 * then test: the row number is the stable id.
 */
public final class PreparedWriter implements Closeable {
  private static final int BUFFER = 1 << 20;

  /**
   * What the folder will hold.
   *
   * @param dataset registry name
   * @param variant source form read
   * @param preprocessingVersion the dataset's preprocessing version
   * @param description one line for people
   * @param channels image channels
   * @param resolution the square side models use (stored side for dense, shorter side for ragged)
   * @param ragged true when stored images are not all resolution x resolution
   * @param condDim conditioning width D
   * @param condKind "one-hot" or "text-embedding"
   * @param encoder description of the text encoder, or null
   * @param classNames class names, or empty
   * @param captionEmbeddings true to store every caption's embedding (captions.f32)
   * @param recipe every option that determined the output
   */
  public record Spec(String dataset, String variant, String preprocessingVersion, String description, int channels,
      int resolution, boolean ragged, int condDim, String condKind, Map<String, Object> encoder,
      List<String> classNames, boolean captionEmbeddings, Map<String, Object> recipe) {

    public Spec {
      Objects.requireNonNull(dataset, "dataset");
      classNames = List.copyOf(classNames);
      recipe = recipe == null ? Map.of() : new LinkedHashMap<>(recipe);
    }
  }

  private final Path folder;
  private final Spec spec;
  private final OutputStream images;
  private final OutputStream cond;
  private final ICSVWriter index;
  private final OutputStream captionCond;
  private final ICSVWriter captionIndex;
  private final ByteBuffer floatBuf;
  private final long[] pixelSum;
  private final List<Manifest.Source> sources = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private long pixelsPerChannel;
  private long rows;
  private long trainRows;
  private long captionRows;
  private long imageBytes;
  private boolean sawTest;
  private boolean closed;

  public PreparedWriter(Path folder, Spec spec) throws IOException {
    this.folder = folder;
    this.spec = spec;
    Files.createDirectories(folder);
    this.images = new BufferedOutputStream(Files.newOutputStream(folder.resolve(PreparedFormat.IMAGES)), BUFFER);
    this.cond = new BufferedOutputStream(Files.newOutputStream(folder.resolve(PreparedFormat.COND)), BUFFER);
    this.index = csv(folder.resolve(PreparedFormat.INDEX));
    this.index.writeNext(PreparedFormat.INDEX_COLUMNS.toArray(String[]::new), false);
    if (spec.captionEmbeddings()) {
      this.captionCond = new BufferedOutputStream(Files.newOutputStream(folder.resolve(PreparedFormat.CAPTIONS_COND)), BUFFER);
      this.captionIndex = csv(folder.resolve(PreparedFormat.CAPTIONS_INDEX));
      this.captionIndex.writeNext(PreparedFormat.CAPTION_COLUMNS.toArray(String[]::new), false);
    } else {
      this.captionCond = null;
      this.captionIndex = null;
    }
    this.floatBuf = ByteBuffer.allocate(spec.condDim() * 4).order(ByteOrder.LITTLE_ENDIAN);
    this.pixelSum = new long[spec.channels()];
  }

  private static ICSVWriter csv(Path p) throws IOException {
    return new CSVWriter(Files.newBufferedWriter(p, StandardCharsets.UTF_8), ',', '"', '"', "\n");
  }

  public Spec spec() {
    return spec;
  }

  /** Rows written so far (the id the next sample gets). */
  public long count() {
    return rows;
  }

  /** Appends one sample; its id is the current row count. */
  public void add(Sample s) throws IOException {
    if (s.split() == Split.TEST) {
      sawTest = true;
    } else if (sawTest) {
      throw new IllegalStateException("train samples must all come before test samples");
    }
    var img = s.image();
    if (img.channels() != spec.channels()) {
      throw new IllegalArgumentException("image has " + img.channels() + " channels, expected " + spec.channels());
    }
    if (spec.ragged() ? Math.min(img.height(), img.width()) != spec.resolution()
        : img.height() != spec.resolution() || img.width() != spec.resolution()) {
      throw new IllegalArgumentException("image " + img.height() + "x" + img.width() + " does not fit resolution "
          + spec.resolution() + (spec.ragged() ? " (shorter side)" : ""));
    }
    if (s.cond().length != spec.condDim()) {
      throw new IllegalArgumentException("cond has " + s.cond().length + " values, expected " + spec.condDim());
    }
    long offset = imageBytes;
    images.write(img.data());
    imageBytes += img.data().length;
    byte[] px = img.data();
    int c = spec.channels();
    for (int i = 0; i < px.length; i++) {
      pixelSum[i % c] += px[i] & 0xff;
    }
    pixelsPerChannel += (long) img.height() * img.width();
    writeFloats(cond, s.cond());

    long captionStart = -1;
    int captionCount = 0;
    if (spec.captionEmbeddings()) {
      if (s.captionConds().size() != s.captions().size()) {
        throw new IllegalArgumentException("one embedding per caption expected");
      }
      captionStart = captionRows;
      captionCount = s.captions().size();
      for (int k = 0; k < captionCount; k++) {
        writeFloats(captionCond, s.captionConds().get(k));
        String ann = k < s.annotationIds().size() ? Long.toString(s.annotationIds().get(k)) : "";
        captionIndex.writeNext(new String[] {
            Long.toString(captionRows), Long.toString(rows), Integer.toString(k), ann, s.captions().get(k)}, true);
        captionRows++;
      }
    }
    index.writeNext(new String[] {
        Long.toString(rows), s.split().label(), Integer.toString(s.label()), s.captions().get(0), s.source(),
        Integer.toString(s.duplicateGroup()), Integer.toString(img.height()), Integer.toString(img.width()),
        Long.toString(offset), Long.toString(captionStart), Integer.toString(captionCount)}, true);
    rows++;
    if (s.split() == Split.TRAIN) {
      trainRows++;
    }
  }

  private void writeFloats(OutputStream out, float[] v) throws IOException {
    if (v.length != spec.condDim()) {
      throw new IllegalArgumentException("vector has " + v.length + " values, expected " + spec.condDim());
    }
    floatBuf.clear();
    for (float f : v) {
      floatBuf.putFloat(f);
    }
    out.write(floatBuf.array(), 0, floatBuf.position());
  }

  /** Records a verified source file in the manifest. */
  public void addSource(VerifiedFile v) {
    sources.add(new Manifest.Source(v.fileName(), v.bytes(), v.sha256(), v.md5(), v.verifiedAgainst(),
        v.provenance(), v.origin()));
  }

  /** Records a source that is not a single verifiable file (e.g. an extracted folder). */
  public void addSource(Manifest.Source s) {
    sources.add(s);
  }

  /** Adds a note for users (skipped rows, decisions) to the manifest. */
  public void note(String text) {
    notes.add(text);
  }

  /** Closes the data files, hashes them and writes the manifest. */
  public Manifest finish() throws IOException {
    close();
    if (rows == 0) {
      throw new IllegalStateException("no samples written");
    }
    Map<String, Manifest.FileEntry> files = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(List.of(PreparedFormat.IMAGES, PreparedFormat.COND, PreparedFormat.INDEX));
    if (spec.captionEmbeddings()) {
      names.add(PreparedFormat.CAPTIONS_COND);
      names.add(PreparedFormat.CAPTIONS_INDEX);
    }
    for (String n : names) {
      Path p = folder.resolve(n);
      files.put(n, new Manifest.FileEntry(Files.size(p), Hashing.sha256Hex(p)));
    }
    int r = spec.resolution();
    int c = spec.channels();
    List<Long> shape = spec.ragged() ? List.of(rows, -1L, -1L, (long) c) : List.of(rows, (long) r, (long) r, (long) c);
    Manifest.Images im = new Manifest.Images(PreparedFormat.IMAGES, "uint8",
        spec.ragged() ? PreparedFormat.RAGGED : PreparedFormat.DENSE, shape, c, r, imageBytes,
        spec.ragged() ? PreparedFormat.IMAGES_DOC_RAGGED : PreparedFormat.IMAGES_DOC_DENSE);
    Manifest.Cond cd = new Manifest.Cond(PreparedFormat.COND, "<f4", List.of(rows, (long) spec.condDim()),
        spec.condKind(), spec.encoder(), PreparedFormat.COND_DOC);
    Manifest.Captions caps = spec.captionEmbeddings()
        ? new Manifest.Captions(PreparedFormat.CAPTIONS_COND, PreparedFormat.CAPTIONS_INDEX, "<f4",
            List.of(captionRows, (long) spec.condDim()), PreparedFormat.CAPTIONS_DOC)
        : null;
    List<Double> means = new ArrayList<>();
    List<Long> sums = new ArrayList<>();
    for (long s : pixelSum) {
      sums.add(s);
      means.add(pixelsPerChannel == 0 ? 0.0 : (double) s / pixelsPerChannel);
    }
    Map<String, Long> splits = new LinkedHashMap<>();
    splits.put(Split.TRAIN.label(), trainRows);
    splits.put(Split.TEST.label(), rows - trainRows);
    Manifest m = new Manifest(PreparedFormat.FORMAT, PreparedFormat.FORMAT_VERSION, spec.dataset(), spec.variant(),
        spec.preprocessingVersion(), spec.description(), rows, splits, im, cd, caps,
        new Manifest.Index(PreparedFormat.INDEX, PreparedFormat.INDEX_COLUMNS, PreparedFormat.INDEX_DOC),
        spec.classNames(), spec.recipe(), List.copyOf(sources), files,
        new Manifest.Stats(sums, means, pixelsPerChannel), List.copyOf(notes), createdBy());
    m.write(folder);
    return m;
  }

  static String createdBy() {
    String v = PreparedWriter.class.getPackage().getImplementationVersion();
    return "tdabench-datasets " + (v == null ? "(development build)" : v);
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    images.close();
    cond.close();
    index.close();
    if (captionCond != null) {
      captionCond.close();
      captionIndex.close();
    }
  }
}
