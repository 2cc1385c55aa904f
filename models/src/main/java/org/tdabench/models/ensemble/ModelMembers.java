package org.tdabench.models.ensemble;

import java.util.ArrayList;
import java.util.List;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.ModelWeights;

/**
 * An ensemble's members on model sessions. Compiling a denoiser's Jacobian-vector product takes
 * seconds per session, so small members share one session and their weights are swapped in
 * (copying a few MB costs milliseconds; the samplers run each member over all its rows before
 * moving to the next); large members, whose copies would cost more than their compilation, get a
 * session each ({@link #SWAP_LIMIT}).
 */
public final class ModelMembers implements MemberDenoisers, AutoCloseable {
  /** Members of at most this many parameters share one session (weights swapped in per use). */
  public static final long SWAP_LIMIT = 5_000_000;

  private final ModelSpec spec;
  private final List<ModelWeights> weights;
  private final List<DitEdmModel> models = new ArrayList<>();
  private final int maxBatch;
  private int loaded = -1;

  /**
   * Opens the members with {@code threads} intra-op threads and at most {@code evalBatch} images
   * per graph run. A call with fewer images runs in a graph sized to them ({@link #batchFor}: a few
   * sizes are compiled, and padding stays small): the samplers call each member with about N/2
   * counterfactual rows, the Jacobian with n tangent rows per target.
   */
  public ModelMembers(ModelSpec spec, List<ModelWeights> members, int threads, int evalBatch) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("an ensemble needs members");
    }
    this.spec = spec;
    this.weights = List.copyOf(members);
    this.maxBatch = evalBatch;
    try {
      DitEdmModel first = DitEdmModel.create(spec, threads).withEvalBatch(evalBatch);
      models.add(first);
      if (first.params().count(first.params().select(s -> true)) > SWAP_LIMIT) {
        first.load(weights.get(0));
        loaded = 0;
        for (int j = 1; j < weights.size(); j++) {
          models.add(DitEdmModel.of(spec, weights.get(j), threads).withEvalBatch(evalBatch));
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  public ModelSpec spec() {
    return spec;
  }

  /** Whether the members share one session (weights swapped in). */
  public boolean swapping() {
    return models.size() == 1 && weights.size() > 1;
  }

  private DitEdmModel model(int member, int count) {
    DitEdmModel m;
    if (models.size() > 1) {
      m = models.get(member);
    } else {
      m = models.get(0);
      if (loaded != member) {
        m.load(weights.get(member));
        loaded = member;
      }
    }
    return m.withEvalBatch(batchFor(count));
  }

  /**
   * The graph batch for a call of {@code count} images: the largest batch for large calls, a
   * multiple of maxBatch / 8 for mid-sized ones, the next power of two for small ones (a loss probe
   * or a first sampler call runs one image per target).
   */
  int batchFor(int count) {
    if (count >= maxBatch) {
      return maxBatch;
    }
    int step = Math.max(1, maxBatch / 8);
    if (count < step) {
      return Integer.highestOneBit(Math.max(1, count - 1)) << (count > 1 ? 1 : 0);
    }
    return Math.min(maxBatch, (count + step - 1) / step * step);
  }

  @Override
  public int members() {
    return weights.size();
  }

  @Override
  public int imageSize() {
    return spec.imageSize();
  }

  @Override
  public int condDim() {
    return spec.condDim();
  }

  @Override
  public float[] denoise(int member, float[] x, float[] y, double sigma, int count) {
    return model(member, count).denoise(x, y, sigma, count);
  }

  @Override
  public float[][] denoiseJvp(int member, float[] x, float[] y, float[] v, double sigma, int count) {
    return model(member, count).denoiseJvp(x, y, v, sigma, count);
  }

  @Override
  public void close() {
    for (DitEdmModel m : models) {
      m.close();
    }
    models.clear();
  }
}
