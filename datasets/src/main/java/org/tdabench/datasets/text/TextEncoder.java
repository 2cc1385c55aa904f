package org.tdabench.datasets.text;

import java.util.List;
import java.util.Map;

/**
 * Turns captions into fixed-width conditioning vectors. Implementations: the built-in
 * {@link HashedNgramEncoder} (default), a TensorFlow SavedModel ({@link SavedModelTextEncoder}) and
 * precomputed embeddings from a file ({@link EmbeddingFileEncoder}).
 */
public interface TextEncoder extends AutoCloseable {

  /** Output width D. */
  int dim();

  /**
   * Embeds a batch of captions.
   *
   * @param ids the captions' source ids (COCO annotation ids), used by file-based encoders
   * @param texts the captions, same length as {@code ids}
   * @return one vector of length {@link #dim()} per caption
   */
  float[][] encode(long[] ids, List<String> texts);

  /** True when {@link #encode} may be called from several threads at once. */
  default boolean threadSafe() {
    return false;
  }

  /** What the manifest records about this encoder (kind, dimension, version, checksums). */
  Map<String, Object> describe();

  @Override
  void close();
}
