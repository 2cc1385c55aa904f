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
 * @param conditioning whether the model, once bound to a dataset, takes the data's conditions
 */
public record ModelPreset(
    String name,
    String description,
    DitEdmConfig arch,
    EdmConfig edm,
    SamplerConfig sampler,
    TrainConfig train,
    int threads,
    Conditioning conditioning) {

  public ModelSpec spec() {
    return new ModelSpec(arch, edm, sampler);
  }

  /**
   * This preset bound to data of a given shape: the architecture's widths are kept, and the model
   * takes the data's {@code dataCondDim}-wide conditions unless the preset is unconditional
   * ({@link Conditioning#NONE}, e.g. the reference's CIFAR-10 model, which ignores the labels).
   */
  public ModelPreset forData(int channels, int height, int width, int dataCondDim) {
    return new ModelPreset(name, description,
        arch.withData(channels, height, width, conditioning.condDim(dataCondDim)).validate(), edm, sampler, train,
        threads, conditioning);
  }

  public ModelPreset withTrain(TrainConfig t) {
    return new ModelPreset(name, description, arch, edm, sampler, t, threads, conditioning);
  }

  public ModelPreset withSampler(SamplerConfig s) {
    return new ModelPreset(name, description, arch, edm, s, train, threads, conditioning);
  }

  public ModelPreset withThreads(int n) {
    return new ModelPreset(name, description, arch, edm, sampler, train, n, conditioning);
  }
}
