package org.tdabench.benchmark.store;

import java.nio.file.Path;

/**
 * Thrown by a store opened {@linkplain ArtifactStore#withoutComputing() without computing} when an
 * artifact is not there: checks of a finished run ("is everything the report needs in the store?")
 * find what is missing instead of computing it.
 */
public final class MissingArtifactException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String hash;

  MissingArtifactException(Recipe recipe, Path folder) {
    super(recipe.kind() + " " + recipe.hash() + " is not in the store (" + folder + ")");
    this.kind = recipe.kind();
    this.hash = recipe.hash();
  }

  /** The missing artifact's kind ("model", "scores", ...). */
  public String kind() {
    return kind;
  }

  /** Its recipe hash. */
  public String hash() {
    return hash;
  }
}
