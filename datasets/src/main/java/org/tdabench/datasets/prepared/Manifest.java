package org.tdabench.datasets.prepared;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tdabench.core.AtomicFiles;
import org.tdabench.core.UserError;

/**
 * {@code manifest.json}: what a prepared folder holds, how it was made, and the checksums of its
 * files and of the source archives. Field names are snake_case in JSON.
 *
 * @param format always {@link PreparedFormat#FORMAT}
 * @param formatVersion {@link PreparedFormat#FORMAT_VERSION}
 * @param dataset registry name (e.g. "cifar10")
 * @param variant which source form was read (e.g. "python", "binary", "folder", "generated")
 * @param preprocessingVersion bumped whenever a dataset's preprocessing changes its output
 * @param description one line for people
 * @param count number of images N
 * @param splits images per split ("train", "test")
 * @param images layout of images.u8
 * @param cond layout and meaning of cond.f32
 * @param captions per-caption embeddings (COCO), or null
 * @param index layout of index.csv
 * @param classNames class names by label index (empty for captioned datasets)
 * @param recipe every option that determined the output (resolution, seeds, sizes, encoder, ...)
 * @param sources the verified source files read
 * @param files size and SHA-256 of every data file in the folder
 * @param stats summary statistics (per-channel pixel sums and means)
 * @param notes things a user should know (skipped rows, decisions)
 * @param createdBy producing software
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(
    String format,
    int formatVersion,
    String dataset,
    String variant,
    String preprocessingVersion,
    String description,
    long count,
    Map<String, Long> splits,
    Images images,
    Cond cond,
    Captions captions,
    Index index,
    List<String> classNames,
    Map<String, Object> recipe,
    List<Source> sources,
    Map<String, FileEntry> files,
    Stats stats,
    List<String> notes,
    String createdBy) {

  static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** images.u8: layout "dense" (shape [N,H,W,C]) or "ragged" (shape [N,-1,-1,C], see index.csv). */
  public record Images(String file, String dtype, String layout, List<Long> shape, int channels,
      int resolution, long bytes, String doc) {}

  /** cond.f32: shape [N, D]; kind "one-hot" or "text-embedding"; encoder describes the latter. */
  public record Cond(String file, String dtype, List<Long> shape, String kind, Map<String, Object> encoder,
      String doc) {}

  /** captions.f32 / captions.csv: every caption's embedding. */
  public record Captions(String file, String indexFile, String dtype, List<Long> shape, String doc) {}

  /** index.csv. */
  public record Index(String file, List<String> columns, String doc) {}

  /** One verified source file. */
  public record Source(String file, long bytes, String sha256, String md5, String verifiedAgainst,
      String provenance, String origin) {}

  /** One data file of the folder. */
  public record FileEntry(long bytes, String sha256) {}

  /** Per-channel pixel sums over all stored pixels and their means (0..255). */
  public record Stats(List<Long> pixelSum, List<Double> pixelMean, long pixelsPerChannel) {}

  /** Reads and checks {@code manifest.json} in {@code folder}. */
  public static Manifest read(Path folder) {
    Path p = folder.resolve(PreparedFormat.MANIFEST);
    Manifest m;
    try {
      m = JSON.readValue(p.toFile(), Manifest.class);
    } catch (IOException e) {
      throw new UserError("cannot read " + p + " (" + firstLine(e.getMessage())
          + "); the prepared folder is incomplete or damaged: delete it and run `tdabench prepare` again");
    }
    if (!PreparedFormat.FORMAT.equals(m.format()) || m.images() == null || m.cond() == null || m.index() == null) {
      throw new UserError(p + " is not a tdabench prepared-dataset manifest; delete the folder and prepare again");
    }
    if (m.formatVersion() != PreparedFormat.FORMAT_VERSION) {
      throw new UserError(p + " has format version " + m.formatVersion() + " but this build reads version "
          + PreparedFormat.FORMAT_VERSION + "; run `tdabench prepare --force` to rebuild it");
    }
    return m;
  }

  /** Writes {@code manifest.json} atomically into {@code folder}. */
  public void write(Path folder) throws IOException {
    AtomicFiles.writeBytes(folder.resolve(PreparedFormat.MANIFEST), JSON.writeValueAsBytes(this));
  }

  /** The manifest as JSON text. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int i = s.indexOf('\n');
    return i < 0 ? s : s.substring(0, i);
  }
}
