package org.tdabench.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tdabench.core.UserError;
import org.tdabench.datasets.image.CenterCrop;
import org.tdabench.datasets.prepared.FolderIntegrity;
import org.tdabench.datasets.prepared.IndexTable;
import org.tdabench.datasets.prepared.Manifest;
import org.tdabench.datasets.prepared.MappedFile;
import org.tdabench.datasets.prepared.PreparedFormat;

/**
 * A prepared dataset folder, memory-mapped for reading. Rows are 0..size()-1 in id order (train
 * first, then test); images come out as HWC floats in [-1, 1] ({@code x / 127.5 - 1}), the square
 * of side {@link #resolution()} (the centre crop for COCO's non-square images, or a crop at a given
 * offset; {@link #trainingView} draws the reference's random crop and caption for training). All
 * reads are thread-safe.
 */
public final class PreparedDataset implements AutoCloseable {
  private static final float[] TO_FLOAT = new float[256];

  static {
    for (int i = 0; i < 256; i++) {
      TO_FLOAT[i] = i / 127.5f - 1f;
    }
  }

  private final Path folder;
  private final Manifest manifest;
  private final IndexTable index;
  private final MappedFile images;
  private final MappedFile cond;
  private final MappedFile captionCond;
  private final String[] captionTexts;
  private final int resolution;
  private final int channels;
  private final int condDim;
  private final int[] trainRows;
  private final int[] testRows;

  private PreparedDataset(Path folder, Manifest m, IndexTable index, MappedFile images, MappedFile cond,
      MappedFile captionCond, String[] captionTexts) {
    this.folder = folder;
    this.manifest = m;
    this.index = index;
    this.images = images;
    this.cond = cond;
    this.captionCond = captionCond;
    this.captionTexts = captionTexts;
    this.resolution = m.images().resolution();
    this.channels = m.images().channels();
    this.condDim = m.cond().shape().get(1).intValue();
    int nTrain = 0;
    for (byte b : index.split) {
      nTrain += b == 0 ? 1 : 0;
    }
    trainRows = new int[nTrain];
    testRows = new int[index.size() - nTrain];
    for (int i = 0, a = 0, b = 0; i < index.size(); i++) {
      if (index.split[i] == 0) {
        trainRows[a++] = i;
      } else {
        testRows[b++] = i;
      }
    }
  }

  /**
   * Opens a prepared folder: reads and checks the manifest, checks every file's size against it
   * and maps the arrays. {@link #verifyChecksums()} additionally re-hashes every file.
   */
  public static PreparedDataset open(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new UserError("no prepared dataset at " + folder + "; run `tdabench prepare DATASET` first");
    }
    Manifest m = Manifest.read(folder);
    long n = m.count();
    FolderIntegrity.checkSizes(folder, m);
    IndexTable index = IndexTable.read(folder.resolve(PreparedFormat.INDEX), n);
    try {
      MappedFile images = MappedFile.open(folder.resolve(PreparedFormat.IMAGES));
      MappedFile cond = MappedFile.open(folder.resolve(PreparedFormat.COND));
      MappedFile capCond = null;
      String[] capText = new String[0];
      if (m.captions() != null) {
        long rows = m.captions().shape().get(0);
        capCond = MappedFile.open(folder.resolve(PreparedFormat.CAPTIONS_COND));
        capText = IndexTable.readCaptions(folder.resolve(PreparedFormat.CAPTIONS_INDEX), rows);
      }
      return new PreparedDataset(folder, m, index, images, cond, capCond, capText);
    } catch (IOException e) {
      throw new UserError("cannot map the prepared dataset in " + folder + " (" + UserError.oneLine(e.getMessage()) + ")");
    }
  }

  /** Re-hashes every data file and compares with the manifest (slow for large datasets). */
  public void verifyChecksums() {
    FolderIntegrity.verifyChecksums(folder, manifest);
  }

  public Path folder() {
    return folder;
  }

  public Manifest manifest() {
    return manifest;
  }

  /** Registry name, e.g. "cifar10". */
  public String name() {
    return manifest.dataset();
  }

  /** Number of images (train + test). */
  public int size() {
    return index.size();
  }

  /** Side of the square images models train on. */
  public int resolution() {
    return resolution;
  }

  public int channels() {
    return channels;
  }

  /** Width of the conditioning vector. */
  public int condDim() {
    return condDim;
  }

  /** Floats per square image: resolution * resolution * channels. */
  public int imageSize() {
    return resolution * resolution * channels;
  }

  /** Class names by label; empty for captioned datasets. */
  public List<String> classNames() {
    return manifest.classNames();
  }

  /** True when images are stored non-square (crop at use). */
  public boolean ragged() {
    return PreparedFormat.RAGGED.equals(manifest.images().layout());
  }

  /** Row indices of a split, ascending. */
  public int[] rows(Split split) {
    return (split == Split.TRAIN ? trainRows : testRows).clone();
  }

  /** Number of rows of a split. */
  public int count(Split split) {
    return split == Split.TRAIN ? trainRows.length : testRows.length;
  }

  /** The stable id of a row (equal to the row number in this format). */
  public long id(int row) {
    return index.id[row];
  }

  public Split split(int row) {
    return index.split[row] == 0 ? Split.TRAIN : Split.TEST;
  }

  /** Class index, or -1 for captioned datasets. */
  public int label(int row) {
    return index.label[row];
  }

  /** The class name, or caption 0. */
  public String caption(int row) {
    return index.caption[row];
  }

  /** Where the image came from (archive member, file name or generator path). */
  public String source(int row) {
    return index.source[row];
  }

  /** The planted near-duplicate group, or -1. */
  public int duplicateGroup(int row) {
    return index.duplicateGroup[row];
  }

  /** Stored height (differs from resolution() for COCO). */
  public int height(int row) {
    return index.height[row];
  }

  /** Stored width (differs from resolution() for COCO). */
  public int width(int row) {
    return index.width[row];
  }

  /** The centre-crop offsets (top, left) used by {@link #image(int, float[], int)}. */
  public int[] centerOffset(int row) {
    return new int[] {CenterCrop.offset(height(row), resolution), CenterCrop.offset(width(row), resolution)};
  }

  /** Writes the square (centre-cropped) image as HWC floats in [-1, 1] into {@code out[offset..]}. */
  public void image(int row, float[] out, int offset) {
    int[] o = centerOffset(row);
    image(row, o[0], o[1], out, offset);
  }

  /**
   * Writes the {@code resolution x resolution} window at ({@code top}, {@code left}) of the stored
   * image as HWC floats in [-1, 1]; {@code top} ranges over 0..height-resolution (random crops).
   */
  public void image(int row, int top, int left, float[] out, int offset) {
    int h = index.height[row];
    int w = index.width[row];
    int r = resolution;
    if (top < 0 || left < 0 || top + r > h || left + r > w) {
      throw new IndexOutOfBoundsException("crop (" + top + ", " + left + ") outside " + h + "x" + w);
    }
    int c = channels;
    long base = index.offset[row];
    int rowLen = r * c;
    byte[] line = SCRATCH.get();
    if (line.length < rowLen) {
      line = new byte[rowLen];
      SCRATCH.set(line);
    }
    int o = offset;
    for (int y = 0; y < r; y++) {
      images.get(base + ((long) (top + y) * w + left) * c, line, 0, rowLen); // bulk copy, then convert
      for (int i = 0; i < rowLen; i++) {
        out[o++] = TO_FLOAT[line[i] & 0xff];
      }
    }
  }

  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);

  /** The square (centre-cropped) image as HWC bytes. */
  public byte[] imageBytes(int row) {
    byte[] out = new byte[imageSize()];
    imageBytes(row, out, 0);
    return out;
  }

  /** Writes the square (centre-cropped) image as HWC bytes into {@code out[offset..]}. */
  public void imageBytes(int row, byte[] out, int offset) {
    int[] o = centerOffset(row);
    int h = index.height[row];
    int w = index.width[row];
    int r = resolution;
    int c = channels;
    if (h == r && w == r) {
      images.get(index.offset[row], out, offset, r * r * c);
      return;
    }
    for (int y = 0; y < r; y++) {
      images.get(index.offset[row] + ((long) (o[0] + y) * w + o[1]) * c, out, offset + y * r * c, r * c);
    }
  }

  /** The whole stored image (height(row) x width(row) x channels) as HWC bytes. */
  public byte[] storedImageBytes(int row) {
    byte[] out = new byte[index.height[row] * index.width[row] * channels];
    images.get(index.offset[row], out, 0, out.length);
    return out;
  }

  /** The conditioning row: one-hot class, or caption 0's embedding. */
  public float[] cond(int row) {
    float[] v = new float[condDim];
    cond(row, v, 0);
    return v;
  }

  /** Writes the conditioning row into {@code out[offset..]}. */
  public void cond(int row, float[] out, int offset) {
    cond.getFloats((long) row * condDim * 4, out, offset, condDim);
  }

  /**
   * The view of a row that one training access sees, as the reference's training dataset draws it
   * (sony/mucs lib/flexdataset.py with augment=True): a uniformly random square crop of a stored
   * non-square image, and for a captioned row the embedding of a uniformly random caption; square
   * images and class conditions are read as {@link #image(int, float[], int)} and
   * {@link #cond(int, float[], int)}. Evaluation, generation and attribution keep the centre crop and
   * caption 0. The draws come from {@code access}, a seed the caller derives for this one access,
   * so a view is reproducible and independent of every other.
   *
   * @param cond receives the condition at {@code condOffset}; null reads none
   */
  public void trainingView(int row, long access, float[] image, int imageOffset, float[] cond, int condOffset) {
    org.tdabench.core.CounterRng r = new org.tdabench.core.CounterRng(access);
    int top = r.nextInt(index.height[row] - resolution + 1);
    int left = r.nextInt(index.width[row] - resolution + 1);
    int caption = r.nextInt(Math.max(1, index.captionCount[row]));
    image(row, top, left, image, imageOffset);
    if (cond != null) {
      if (captionCond != null && index.captionCount[row] > 0) {
        captionCond(row, caption, cond, condOffset);
      } else {
        cond(row, cond, condOffset);
      }
    }
  }

  /** Number of captions stored for a row (0 for class datasets). */
  public int captionCount(int row) {
    return index.captionCount[row];
  }

  /** Caption {@code k} of a row (k = 0 is the one used for attribution and generation). */
  public String caption(int row, int k) {
    return captionTexts[Math.toIntExact(captionRow(row, k))];
  }

  /** The embedding of caption {@code k} of a row. */
  public float[] captionCond(int row, int k) {
    float[] v = new float[condDim];
    captionCond(row, k, v, 0);
    return v;
  }

  /** Writes the embedding of caption {@code k} of a row into {@code out[offset..]}. */
  public void captionCond(int row, int k, float[] out, int offset) {
    captionCond.getFloats(captionRow(row, k) * condDim * 4, out, offset, condDim);
  }

  private long captionRow(int row, int k) {
    if (captionCond == null || k < 0 || k >= index.captionCount[row]) {
      throw new IndexOutOfBoundsException("row " + row + " has " + index.captionCount[row] + " captions, not " + (k + 1));
    }
    return index.captionStart[row] + k;
  }

  /** Releases nothing eagerly (mappings are freed by the garbage collector); present for try-with-resources. */
  @Override
  public void close() {
    // MappedByteBuffers have no portable unmap; dropping the references lets the GC release them.
  }
}
