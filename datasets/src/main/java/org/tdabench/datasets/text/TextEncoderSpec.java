package org.tdabench.datasets.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.tdabench.core.Hashing;
import org.tdabench.core.UserError;

/**
 * Which text encoder conditions a captioned dataset.
 *
 * @param kind HASHED (default), SAVED_MODEL or FILE
 * @param path the SavedModel folder or the .npz file (null for HASHED)
 * @param dim output width for HASHED (default 768); ignored by the others, which define their own
 * @param maxN longest word n-gram for HASHED (default 2)
 * @param seed projection seed for HASHED (default 0)
 */
public record TextEncoderSpec(Kind kind, Path path, int dim, int maxN, long seed) {
  public static final int DEFAULT_DIM = 768;
  public static final int DEFAULT_MAX_N = 2;

  /** The encoder families. */
  public enum Kind { HASHED, SAVED_MODEL, FILE }

  public TextEncoderSpec {
    Objects.requireNonNull(kind, "kind");
    if (kind != Kind.HASHED && path == null) {
      throw new IllegalArgumentException(kind + " needs a path");
    }
  }

  /** The default: hashed word 1-2-grams, 768 dimensions, seed 0. */
  public static TextEncoderSpec defaults() {
    return hashed(DEFAULT_DIM);
  }

  public static TextEncoderSpec hashed(int dim) {
    return new TextEncoderSpec(Kind.HASHED, null, dim, DEFAULT_MAX_N, 0);
  }

  public static TextEncoderSpec savedModel(Path dir) {
    return new TextEncoderSpec(Kind.SAVED_MODEL, dir, -1, DEFAULT_MAX_N, 0);
  }

  public static TextEncoderSpec file(Path npz) {
    return new TextEncoderSpec(Kind.FILE, npz, -1, DEFAULT_MAX_N, 0);
  }

  /**
   * What determines the encoder's output, cheaply (no model is loaded): recorded in the recipe so
   * that a different encoder gives a different prepared folder.
   */
  public Map<String, Object> identity() {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (kind) {
      case HASHED -> {
        m.put("kind", "hashed-ngram");
        m.put("version", HashedNgramEncoder.VERSION);
        m.put("dim", dim);
        m.put("max_n", maxN);
        m.put("seed", seed);
      }
      case SAVED_MODEL -> {
        requireExists(true);
        SavedModelTextEncoder.Interface itf = SavedModelTextEncoder.inspect(path);
        m.put("kind", "savedmodel");
        m.put("sha256", SavedModelTextEncoder.digest(path));
        m.put("dim", itf.dim());
      }
      case FILE -> {
        requireExists(false);
        m.put("kind", "file");
        m.put("dim", EmbeddingFileEncoder.dimOf(path));
        try {
          m.put("sha256", Hashing.sha256Hex(path));
        } catch (java.io.IOException e) {
          throw new UserError("cannot read embedding file " + path + " (" + UserError.oneLine(e.getMessage()) + ")");
        }
      }
      default -> throw new IllegalStateException();
    }
    return m;
  }

  private void requireExists(boolean folder) {
    if (folder ? !Files.isDirectory(path) : !Files.isRegularFile(path)) {
      throw new UserError((folder ? "text model folder " : "embedding file ") + path + " does not exist; check --"
          + (folder ? "text-model" : "embeddings"));
    }
  }

  /** Opens the encoder (SAVED_MODEL starts TensorFlow). */
  public TextEncoder open() {
    return switch (kind) {
      case HASHED -> new HashedNgramEncoder(dim, maxN, seed);
      case SAVED_MODEL -> {
        requireExists(true);
        yield SavedModelTextEncoder.open(path);
      }
      case FILE -> {
        requireExists(false);
        yield EmbeddingFileEncoder.open(path);
      }
    };
  }
}
