package org.tdabench.models;

import org.tdabench.models.config.DitEdmConfig;
import org.tdabench.models.config.EdmConfig;
import org.tdabench.models.config.SamplerConfig;

/**
 * Everything that defines a trained model's function: the architecture, the EDM settings and the
 * sampler.
 */
public record ModelSpec(DitEdmConfig arch, EdmConfig edm, SamplerConfig sampler) {
  public ModelSpec {
    arch.validate();
  }

  public int imageSize() {
    return arch.imageChannels() * arch.imageHeight() * arch.imageWidth();
  }

  public long[] imageShape(long batch) {
    return new long[] {batch, arch.imageHeight(), arch.imageWidth(), arch.imageChannels()};
  }

  public int condDim() {
    return arch.condDim();
  }
}
