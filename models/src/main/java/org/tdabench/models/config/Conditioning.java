package org.tdabench.models.config;

/**
 * How a preset's model is conditioned once it is bound to a dataset ({@link ModelPreset#forData}).
 * The MUCS reference pins this per config ({@code model.arch.unconditional}): its CIFAR-10 model
 * ignores the labels, its ArtBench-10 and COCO models take the class one-hot and the caption
 * embedding.
 */
public enum Conditioning {
  /** The data's conditioning vector, whatever its width (class one-hot, caption embedding). */
  DATA,
  /** None: the data's conditions are not fed to the model (the reference's {@code unconditional: True}). */
  NONE;

  /** The model's conditioning width for data whose conditions have {@code dataCondDim} values. */
  public int condDim(int dataCondDim) {
    return this == NONE ? 0 : dataCondDim;
  }
}
