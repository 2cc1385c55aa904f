package org.tdabench.models;

import java.util.List;

/**
 * What a {@link GradientFunction} computes: per sample, the gradient of {@code output} with
 * respect to the parameters {@code params} (null = all), averaged over {@code probesPerSample}
 * (sigma, eps) probes, each probe's gradient optionally scaled to unit length first
 * ({@code normalizePerProbe}, as ReTrac and DAS do), optionally projected to {@code projectionDim}
 * dimensions by a Gaussian matrix with N(0, 1) entries generated blockwise from
 * {@code projectionSeed} (never stored whole; no 1/sqrt(k) scaling, as D-TRAK).
 *
 * @param batch samples per graph run
 * @param batched true: per-sample weight copies and one batched backward pass; false: the naive
 *     path, one backward pass per (sample, probe), kept for measurement and as a test oracle
 */
public record GradientSpec(
    OutputFunction output,
    List<String> params,
    int probesPerSample,
    boolean normalizePerProbe,
    int projectionDim,
    long projectionSeed,
    int batch,
    boolean batched) {

  public GradientSpec {
    if (probesPerSample < 1 || batch < 1 || projectionDim < 0) {
      throw new IllegalArgumentException("probesPerSample, batch must be >= 1 and projectionDim >= 0");
    }
    params = params == null ? null : List.copyOf(params);
  }

  public boolean projected() {
    return projectionDim > 0;
  }

  public GradientSpec naive() {
    return new GradientSpec(output, params, probesPerSample, normalizePerProbe, projectionDim,
        projectionSeed, 1, false);
  }
}
