package org.tdabench.models.config;

import org.tdabench.models.ModelSpec;

/**
 * A named set of model, sampler and training settings.
 *
 * @param name preset id ({@code tiny}, {@code small}, {@code paper-cifar10}, ...)
 * @param description one line for {@code --help} and reports
 * @param arch architecture, at the preset's reference data shape
 * @param edm EDM settings
 * @param sampler sampler settings
 * @param train training settings
 * @param threads TensorFlow intra-op threads per training process (pinned: it changes the bits)
 */
public record ModelPreset(
    String name,
    String description,
    DitEdmConfig arch,
    EdmConfig edm,
    SamplerConfig sampler,
    TrainConfig train,
    int threads) {

  public ModelSpec spec() {
    return new ModelSpec(arch, edm, sampler);
  }

  /** This preset for data of another shape (the architecture's widths are kept). */
  public ModelPreset forData(int channels, int height, int width, int condDim) {
    return new ModelPreset(name, description, arch.withData(channels, height, width, condDim).validate(),
        edm, sampler, train, threads);
  }

  public ModelPreset withTrain(TrainConfig t) {
    return new ModelPreset(name, description, arch, edm, sampler, t, threads);
  }

  public ModelPreset withSampler(SamplerConfig s) {
    return new ModelPreset(name, description, arch, edm, s, train, threads);
  }

  public ModelPreset withThreads(int n) {
    return new ModelPreset(name, description, arch, edm, sampler, train, n);
  }
}
