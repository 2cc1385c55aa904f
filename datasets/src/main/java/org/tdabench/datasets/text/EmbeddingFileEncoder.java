package org.tdabench.datasets.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.tdabench.core.Hashing;
import org.tdabench.core.UserError;
import org.tdabench.datasets.prepared.MappedFile;

/**
 * Precomputed caption embeddings from a numpy {@code .npz} file holding {@code ids} (int64
 * caption/annotation ids, shape [M]) and {@code embeddings} (float32 or float64, shape [M, D]),
 * e.g. {@code np.savez("emb.npz", ids=ann_ids, embeddings=emb)}. Vectors are used as given (the
 * reference L2-normalises its CLIP embeddings; do that before saving if you want the same).
 * The embeddings are memory-mapped (an uncompressed npz member is mapped in place; a compressed
 * one is first extracted to a temporary file).
 */
public final class EmbeddingFileEncoder implements TextEncoder {
  private final Path file;
  private final String sha256;
  private final Map<Long, Integer> rowOf;
  private final MappedFile data;
  private final long dataOffset;
  private final boolean doubles;
  private final int dim;
  private final Path extracted;

  private EmbeddingFileEncoder(Path file, String sha256, Map<Long, Integer> rowOf, MappedFile data, long dataOffset,
      boolean doubles, int dim, Path extracted) {
    this.file = file;
    this.sha256 = sha256;
    this.rowOf = rowOf;
    this.data = data;
    this.dataOffset = dataOffset;
    this.doubles = doubles;
    this.dim = dim;
    this.extracted = extracted;
  }

  /** Opens {@code file}; a malformed file is a {@link UserError} saying what the file must hold. */
  public static EmbeddingFileEncoder open(Path file) {
    String need = "; it must be an .npz with 'ids' (int64, [M]) and 'embeddings' (float32, [M, D])";
    try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
      ZipArchiveEntry idsEntry = zip.getEntry("ids.npy");
      ZipArchiveEntry embEntry = zip.getEntry("embeddings.npy");
      if (idsEntry == null || embEntry == null) {
        throw new UserError("embedding file " + file + " lacks " + (idsEntry == null ? "'ids'" : "'embeddings'") + need);
      }
      long[] ids;
      try (InputStream in = zip.getInputStream(idsEntry)) {
        Npy h = Npy.readHeader(in);
        if (h.shape().length != 1 || !(h.descr().equals("<i8") || h.descr().equals("<u8")) || h.fortranOrder()) {
          throw new UserError("embedding file " + file + ": 'ids' is " + h.descr() + " with " + h.shape().length
              + " dimensions" + need);
        }
        ByteBuffer b = ByteBuffer.wrap(in.readNBytes(Math.toIntExact(h.elements() * 8))).order(ByteOrder.LITTLE_ENDIAN);
        ids = new long[(int) h.elements()];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = b.getLong();
        }
      }
      Npy eh;
      try (InputStream in = zip.getInputStream(embEntry)) {
        eh = Npy.readHeader(in);
      }
      boolean doubles = eh.descr().equals("<f8");
      if (eh.shape().length != 2 || !(doubles || eh.descr().equals("<f4")) || eh.fortranOrder()
          || eh.shape()[0] != ids.length) {
        throw new UserError("embedding file " + file + ": 'embeddings' is " + eh.descr() + " of shape "
            + java.util.Arrays.toString(eh.shape()) + " for " + ids.length + " ids" + need);
      }
      Map<Long, Integer> rowOf = new HashMap<>(ids.length * 2);
      for (int i = 0; i < ids.length; i++) {
        if (rowOf.put(ids[i], i) != null) {
          throw new UserError("embedding file " + file + " lists caption id " + ids[i] + " twice" + need);
        }
      }
      Path extracted = null;
      MappedFile mapped;
      long offset;
      if (embEntry.getMethod() == ZipArchiveEntry.STORED) {
        mapped = MappedFile.open(file);
        offset = embEntry.getDataOffset() + eh.headerBytes();
      } else {
        extracted = Files.createTempFile("tdabench-embeddings", ".npy");
        try (InputStream in = zip.getInputStream(embEntry)) {
          Files.copy(in, extracted, StandardCopyOption.REPLACE_EXISTING);
        }
        mapped = MappedFile.open(extracted);
        offset = eh.headerBytes();
      }
      int dim = Math.toIntExact(eh.shape()[1]);
      long need8 = offset + ids.length * (long) dim * (doubles ? 8 : 4);
      if (mapped.size() < need8) {
        throw new UserError("embedding file " + file + " is truncated; write it again");
      }
      return new EmbeddingFileEncoder(file, Hashing.sha256Hex(file), rowOf, mapped, offset, doubles, dim, extracted);
    } catch (IOException e) {
      throw new UserError("cannot read embedding file " + file + " (" + UserError.oneLine(e.getMessage()) + ")" + need);
    }
  }

  /** The embedding width D read from the file's 'embeddings' header (cheap: nothing else is read). */
  public static int dimOf(Path file) {
    try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
      ZipArchiveEntry e = zip.getEntry("embeddings.npy");
      if (e == null) {
        throw new UserError("embedding file " + file + " lacks 'embeddings'; it must be an .npz with 'ids' and 'embeddings'");
      }
      try (InputStream in = zip.getInputStream(e)) {
        Npy h = Npy.readHeader(in);
        if (h.shape().length != 2) {
          throw new UserError("embedding file " + file + ": 'embeddings' must have shape [M, D]");
        }
        return Math.toIntExact(h.shape()[1]);
      }
    } catch (IOException ex) {
      throw new UserError("cannot read embedding file " + file + " (" + UserError.oneLine(ex.getMessage())
          + "); it must be an .npz with 'ids' and 'embeddings'");
    }
  }

  @Override
  public int dim() {
    return dim;
  }

  @Override
  public float[][] encode(long[] ids, List<String> texts) {
    float[][] out = new float[ids.length][];
    for (int i = 0; i < ids.length; i++) {
      Integer row = rowOf.get(ids[i]);
      if (row == null) {
        throw new UserError("embedding file " + file + " has no vector for caption id " + ids[i]
            + " (\"" + texts.get(i) + "\"); it must cover every caption of the captions JSON files");
      }
      float[] v = new float[dim];
      long base = dataOffset + (long) row * dim * (doubles ? 8 : 4);
      for (int j = 0; j < dim; j++) {
        v[j] = doubles ? (float) Double.longBitsToDouble(readLong(base + 8L * j)) : readFloat(base + 4L * j);
      }
      out[i] = v;
    }
    return out;
  }

  private float readFloat(long pos) {
    int bits = data.u8(pos) | data.u8(pos + 1) << 8 | data.u8(pos + 2) << 16 | data.u8(pos + 3) << 24;
    return Float.intBitsToFloat(bits);
  }

  private long readLong(long pos) {
    long v = 0;
    for (int k = 7; k >= 0; k--) {
      v = (v << 8) | data.u8(pos + k);
    }
    return v;
  }

  @Override
  public boolean threadSafe() {
    return true; // read-only lookups in a memory map
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "file");
    m.put("file", file.getFileName().toString());
    m.put("sha256", sha256);
    m.put("dim", dim);
    m.put("rows", rowOf.size());
    return m;
  }

  @Override
  public void close() {
    if (extracted != null) {
      try {
        Files.deleteIfExists(extracted);
      } catch (IOException e) {
        // a temporary file; the OS cleans it eventually
      }
    }
  }
}
