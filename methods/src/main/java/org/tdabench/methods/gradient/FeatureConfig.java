package org.tdabench.methods.gradient;

import java.util.List;
import org.tdabench.models.OutputFunction;

/**
 * What a feature is and how it is computed: phi(z) = P^T (1/G) sum_probes grad f(z; probe), with
 * each probe's gradient optionally scaled to unit length first.
 *
 * @param output the scalar f per (sample, probe)
 * @param params parameter subset (null = every parameter, as D-TRAK's CIFAR models)
 * @param normalizePerProbe unit-normalise each probe's gradient before averaging (DAS)
 * @param projectionDim k, dimension of the Gaussian projection (>= 1)
 * @param projectionSeed seed of the projection matrix
 * @param batch samples per backward pass
 * @param memoryBytes budget of the chunked projection: buffered gradient rows plus blocks of P
 *     cached in graph variables
 * @param inGraphProjection project inside the gradient graph, regenerating P at every batch (the
 *     simple path, sensible where generation is cheap, e.g. on a GPU) instead of in chunks
 */
public record FeatureConfig(
    OutputFunction output,
    List<String> params,
    boolean normalizePerProbe,
    int projectionDim,
    long projectionSeed,
    int batch,
    long memoryBytes,
    boolean inGraphProjection) {

  public FeatureConfig {
    if (projectionDim < 1 || batch < 1 || memoryBytes < 1) {
      throw new IllegalArgumentException("projectionDim, batch and memoryBytes must be >= 1");
    }
    params = params == null ? null : List.copyOf(params);
  }
}
