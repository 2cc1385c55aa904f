package org.tdabench.methods.unlearning;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.core.SeedTree;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.FineTuner;
import org.tdabench.models.ModelWeights;

/**
 * AbU's unlearning of one synthesised image (the reference's compute_influence.py): a Newton-type
 * ascent step on the target's loss under an EWC penalty with the diagonal Fisher F,
 * theta += eta g / (N F), restricted to a parameter subset, where g is the gradient of the target's
 * loss averaged over many (sigma, eps) draws.
 *
 * <p>g comes from a {@link FineTuner} used only for its batched gradient: each micro-batch holds B
 * copies of the target, every row at its own fresh training sigma and noise drawn in-graph (the EDM
 * analogue of the reference's distinct uniform DDPM timesteps), objective weights 1/B and no clamp;
 * the micro-batch gradients are averaged in double. Micro-batch a of step s draws from
 * {@code seeds.child("step", s).child("micro", a)}.
 *
 * <p>Damping (ours; the reference divides by F alone): F + damping x mean(F). Entries with F = 0
 * exactly are left unchanged: no training sample's loss moves with them to first order, so the
 * EWC penalty neither constrains them nor do they change any score.
 */
final class NewtonAscent {
  private final DitEdmModel model;
  private final FineTuner tuner;
  private final List<String> params;
  private final float[] fisher;
  private final double damping;
  private final long zeroFisher;

  NewtonAscent(DitEdmModel model, FineTuner tuner, float[] fisher, double relativeDamping) {
    this.model = model;
    this.tuner = tuner;
    this.params = tuner.spec().trainable();
    this.fisher = fisher;
    long p = model.params().count(params);
    if (fisher.length != p) {
      throw new IllegalArgumentException("the Fisher has " + fisher.length + " entries, the subset " + p);
    }
    double mean = 0;
    long zeros = 0;
    for (float f : fisher) {
      mean += f;
      if (f == 0f) {
        zeros++;
      }
    }
    mean /= fisher.length;
    this.damping = relativeDamping * mean;
    this.zeroFisher = zeros;
  }

  /** Absolute damping added to F. */
  double damping() {
    return damping;
  }

  /** Entries of F that are exactly 0 (never updated). */
  long zeroFisher() {
    return zeroFisher;
  }

  /**
   * Applies {@code steps} Newton-type steps for one target (image and condition, flat) to the
   * model's current weights and returns ||delta theta|| / ||theta|| over the subset.
   */
  double unlearn(float[] target, float[] cond, int steps, int accum, double eta, long n, SeedTree seeds) {
    int b = tuner.spec().batch();
    int d = target.length;
    float[] x = Images.repeat(target, 0, d, b);
    float[] y = cond == null ? null : Images.repeat(cond, 0, cond.length, b);
    float[] w = new float[b];
    float[] clamp = new float[b];
    Arrays.fill(w, 1f / b);
    Arrays.fill(clamp, Float.POSITIVE_INFINITY);
    ModelWeights start = model.weights();
    Map<String, float[]> theta = new LinkedHashMap<>();
    for (String name : params) {
      theta.put(name, start.get(name).clone());
    }
    for (int s = 0; s < steps; s++) {
      double[] g = new double[fisher.length];
      for (int a = 0; a < accum; a++) {
        tuner.evaluate(x, y, w, clamp, seeds.child("step", s).child("micro", a).statelessPair());
        Map<String, float[]> grad = tuner.stashedGradient();
        int off = 0;
        for (String name : params) {
          float[] part = grad.get(name);
          for (int j = 0; j < part.length; j++) {
            g[off + j] += part[j];
          }
          off += part.length;
        }
      }
      int off = 0;
      for (String name : params) {
        float[] p = theta.get(name);
        for (int j = 0; j < p.length; j++) {
          float f = fisher[off + j];
          if (f != 0f) {
            p[j] += (float) (eta * (g[off + j] / accum) / ((double) n * (f + damping)));
          }
        }
        off += p.length;
      }
      model.load(start.with(theta));
    }
    double num = 0;
    double den = 0;
    for (String name : params) {
      float[] p0 = start.get(name);
      float[] p1 = theta.get(name);
      for (int j = 0; j < p0.length; j++) {
        double dv = (double) p1[j] - p0[j];
        num += dv * dv;
        den += (double) p0[j] * p0[j];
      }
    }
    return den == 0 ? 0 : Math.sqrt(num / den);
  }
}
