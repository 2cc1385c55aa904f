package org.tdabench.models.train;

import java.util.ArrayList;
import java.util.List;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.graph.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The placeholders of a fleet's training step: F x B images, conditions and augmentation flags;
 * per model its int64[2] seed pair (split into one operand per model, each model's draws come from
 * its own ops) and its update terms.
 */
final class FleetInputs {
  private final ModelSpec spec;
  private final int models;
  private final int rows;
  final Placeholder<TFloat32> x;
  final Placeholder<TFloat32> y;
  final Placeholder<TInt32> aug;
  final Placeholder<TInt64> seeds;
  final List<Operand<TInt64>> seedList;
  final Placeholder<TFloat32> lr;
  final Placeholder<TFloat32> lrDecay;
  final Placeholder<TFloat32> beta1Power;
  final Placeholder<TFloat32> beta2Power;
  final Placeholder<TFloat32> epsHat;

  FleetInputs(Ops tf, ModelSpec spec, int models, int batch) {
    this.spec = spec;
    this.models = models;
    this.rows = models * batch;
    x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(spec.imageShape(rows))));
    y = spec.arch().unconditional() ? null
        : tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(rows, spec.condDim())));
    aug = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(rows)));
    seeds = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(models, 2)));
    seedList = new ArrayList<>();
    if (models == 1) {
      seedList.add(tf.reshape(seeds, tf.constant(new long[] {2})));
    } else {
      seedList.addAll(tf.unstack(seeds, (long) models).output());
    }
    lr = vector(tf, models);
    lrDecay = vector(tf, models);
    beta1Power = vector(tf, models);
    beta2Power = vector(tf, models);
    epsHat = vector(tf, models);
  }

  private static Placeholder<TFloat32> vector(Ops tf, int n) {
    return tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n)));
  }

  void feed(Session.Runner r, List<Tensor> open, FleetGraph.StepFeed f) {
    TFloat32 tx = Tensors.f32(f.images(), spec.imageShape(rows));
    open.add(tx);
    r.feed(x, tx);
    if (y != null) {
      TFloat32 ty = Tensors.f32(f.conds(), rows, spec.condDim());
      open.add(ty);
      r.feed(y, ty);
    }
    TInt32 ta = Tensors.i32(f.flags(), rows);
    open.add(ta);
    r.feed(aug, ta);
    TInt64 ts = TInt64.tensorOf(Shape.of(models, 2),
        org.tensorflow.ndarray.buffer.DataBuffers.of(f.seeds(), true, false));
    open.add(ts);
    r.feed(seeds, ts);
    feedVector(r, open, lr, f.lr());
    feedVector(r, open, lrDecay, f.lrDecay());
    feedVector(r, open, beta1Power, f.beta1Power());
    feedVector(r, open, beta2Power, f.beta2Power());
    feedVector(r, open, epsHat, f.epsHat());
  }

  private void feedVector(Session.Runner r, List<Tensor> open, Placeholder<TFloat32> p, float[] values) {
    TFloat32 t = Tensors.f32(values, models);
    open.add(t);
    r.feed(p, t);
  }

  /** Validation inputs of the EMA models: images, conditions, sigmas and noise, fed from the host. */
  static final class Validation {
    private final ModelSpec spec;
    private final int rows;
    final Placeholder<TFloat32> x;
    final Placeholder<TFloat32> y;
    final Placeholder<TFloat32> sigma;
    final Placeholder<TFloat32> eps;

    Validation(Ops tf, ModelSpec spec, int rows) {
      this.spec = spec;
      this.rows = rows;
      x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(spec.imageShape(rows))));
      y = spec.arch().unconditional() ? null
          : tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(rows, spec.condDim())));
      sigma = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(rows)));
      eps = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(spec.imageShape(rows))));
    }

    void feed(Session.Runner r, List<Tensor> open, float[] xs, float[] ys, float[] sigmas, float[] epss) {
      TFloat32 tx = Tensors.f32(xs, spec.imageShape(rows));
      TFloat32 ts = Tensors.f32(sigmas, rows);
      TFloat32 te = Tensors.f32(epss, spec.imageShape(rows));
      open.add(tx);
      open.add(ts);
      open.add(te);
      r.feed(x, tx).feed(sigma, ts).feed(eps, te);
      if (y != null) {
        TFloat32 ty = Tensors.f32(ys, rows, spec.condDim());
        open.add(ty);
        r.feed(y, ty);
      }
    }
  }
}
