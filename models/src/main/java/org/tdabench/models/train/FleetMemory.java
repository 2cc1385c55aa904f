package org.tdabench.models.train;

import org.tdabench.models.ModelSpec;
import org.tdabench.models.config.DitEdmConfig;
import org.tdabench.models.config.TrainConfig;
import org.tdabench.models.nn.DitEdmParams;

/**
 * Estimates a fleet's resident memory from the architecture, the batch and the fleet size, so a
 * fleet that would not fit a budget is split into smaller fleets (bit for bit the same models where
 * fleets are invariant; see {@link FleetTrainer}).
 */
public final class FleetMemory {
  private FleetMemory() {}

  /** The TensorFlow runtime and JVM baseline of a training process, bytes. */
  static final long BASE = 600L << 20;

  /** Estimated bytes of a fleet of {@code models} models. */
  public static long estimateBytes(ModelSpec spec, TrainConfig cfg, int valBatch, int models) {
    return BASE + models * perModelBytes(spec, cfg, valBatch);
  }

  /** The largest fleet whose estimate fits {@code budget} bytes (at least 1). */
  public static int maxModels(ModelSpec spec, TrainConfig cfg, int valBatch, long budget) {
    long per = perModelBytes(spec, cfg, valBatch);
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (budget - BASE) / per));
  }

  /**
   * Splits {@code members} models into the fewest fleets of at most {@code max} models, as equal in
   * size as possible (5 models, at most 4 per fleet: 3 + 2).
   */
  public static java.util.List<Integer> split(int members, int max) {
    java.util.List<Integer> sizes = new java.util.ArrayList<>();
    if (members <= 0) {
      return sizes;
    }
    int fleets = (members + Math.max(1, max) - 1) / Math.max(1, max);
    for (int k = 0; k < fleets; k++) {
      sizes.add(members / fleets + (k < members % fleets ? 1 : 0));
    }
    return sizes;
  }

  /**
   * Bytes per model: parameters, EMA, two AdamW moments, the gradient and the update's temporaries
   * (8 copies of the parameters), and the activations a training step keeps for its backward pass
   * (forward activations and their gradients, with a factor for temporaries).
   */
  static long perModelBytes(ModelSpec spec, TrainConfig cfg, int valBatch) {
    long params = DitEdmParams.of(spec.arch()).count();
    double act = activationsPerImage(spec.arch());
    return (long) (4.0 * (8.0 * params + 3.0 * act * cfg.batchSize() + act * valBatch));
  }

  /** Floats of the forward activations of one image (every layer's outputs, roughly). */
  static double activationsPerImage(DitEdmConfig c) {
    double a = 0;
    int[] ch = c.frontendChannels();
    long pix = (long) c.imageHeight() * c.imageWidth();
    for (int i = 0; i < ch.length; i++) {
      long mid = 2L * Math.max(c.imageChannels(), ch[i]);
      // Norms, activations, convs and the shifted-product taps (k x k x out) of each block, both ways.
      a += 2.0 * pix * (8.0 * mid + (double) c.frontendKernel() * c.frontendKernel() * mid);
    }
    long t = c.tokens();
    double block = t * (14.0 * c.width() + 4.0 * c.mlpHidden()) + 4.0 * c.heads() * t * t;
    a += c.depth() * block;
    a += 4.0 * pix * c.imageChannels() * 4;
    return a;
  }
}
