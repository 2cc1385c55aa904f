package org.tdabench.methods.gradient;

import java.util.List;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.GradientFunction;
import org.tdabench.models.GradientSpec;
import org.tdabench.models.OutputFunction;

/**
 * Unprojected per-sample gradients of a sequence of rows, {@code batch} rows per graph run of the
 * model's batched {@link GradientFunction} (one backward pass for all of them), handed to a sink
 * batch by batch. Only one batch of gradients (batch x p floats) is alive at a time.
 */
public final class GradientStream {
  /** Receives rows [first, first + count) as {@code grads} [count][dim], row-major. */
  public interface Sink {
    void accept(int first, int count, float[] grads);
  }

  private final DitEdmModel model;
  private final GradientFunction fn;
  private final int batch;
  private final int probes;

  /**
   * Unprojected gradients.
   *
   * @param model the session whose current weights are differentiated (reload weights freely)
   * @param output the scalar output per (sample, probe)
   * @param params the parameter subset (null = all)
   * @param probesPerRow G, probes averaged into each row
   * @param normalizePerProbe scale each probe's gradient to unit length before averaging
   * @param batch rows per graph run
   */
  public GradientStream(DitEdmModel model, OutputFunction output, List<String> params, int probesPerRow,
      boolean normalizePerProbe, int batch) {
    this(model, new GradientSpec(output, params, probesPerRow, normalizePerProbe, 0, 0, batch, true));
  }

  /** Rows of the features {@code spec} describes (projected in-graph if it says so). */
  public GradientStream(DitEdmModel model, GradientSpec spec) {
    this.model = model;
    this.batch = spec.batch();
    this.probes = spec.probesPerSample();
    this.fn = model.gradients(spec);
  }

  /** Row length: p (the subset's parameter count), or k when projected in-graph. */
  public int dim() {
    return fn.dim();
  }

  public int batch() {
    return batch;
  }

  public DitEdmModel model() {
    return model;
  }

  /** Streams every row of {@code rows} with its probes into {@code sink}, in row order. */
  public void run(ImageRows rows, RowProbes rowProbes, Sink sink) {
    if (rowProbes.perRow() != probes) {
      throw new IllegalArgumentException("probes give " + rowProbes.perRow() + " per row, the function takes " + probes);
    }
    int d = rows.imageSize();
    int cd = rows.condDim();
    float[] x = new float[batch * d];
    float[] y = cd > 0 ? new float[batch * cd] : null;
    for (int start = 0; start < rows.size(); start += batch) {
      int c = Math.min(batch, rows.size() - start);
      float[] xs = c == batch ? x : new float[c * d];
      float[] ys = cd == 0 ? null : c == batch ? y : new float[c * cd];
      rows.read(start, c, xs, ys);
      float[] sig = new float[c * probes];
      float[] eps = new float[c * probes * d];
      for (int i = 0; i < c; i++) {
        rowProbes.fill(start + i, sig, i * probes, eps, i * probes * d);
      }
      sink.accept(start, c, fn.compute(xs, ys, sig, eps, c));
    }
  }
}
