package org.tdabench.models;

import java.util.ArrayList;
import java.util.List;
import org.tdabench.models.graph.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Placeholders of one compiled function for a static batch: images [B,H,W,C], conditions [B,D]
 * (absent if unconditional), and optionally sigma [B] and eps [B,H,W,C]; plus the constant
 * augmentation flag a = 0 (clean images, as at generation and attribution time).
 */
final class ModelInputs {
  final int batch;
  final Placeholder<TFloat32> x;
  final Placeholder<TFloat32> y;
  final Placeholder<TFloat32> sigma;
  final Placeholder<TFloat32> eps;
  final Operand<TInt32> aug;
  private final ModelSpec spec;

  ModelInputs(Ops tf, ModelSpec spec, int batch, boolean withNoise) {
    this.spec = spec;
    this.batch = batch;
    Shape img = Shape.of(spec.imageShape(batch));
    x = tf.placeholder(TFloat32.class, Placeholder.shape(img));
    y = spec.arch().unconditional() ? null
        : tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, spec.condDim())));
    sigma = withNoise ? tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch))) : null;
    eps = withNoise ? tf.placeholder(TFloat32.class, Placeholder.shape(img)) : null;
    aug = tf.zeros(tf.constant(new long[] {batch}), TInt32.class);
  }

  /** x0 + sigma eps. */
  Operand<TFloat32> noisy(Ops tf) {
    Operand<TFloat32> s4 = tf.reshape(sigma, tf.constant(new long[] {batch, 1, 1, 1}));
    return tf.math.add(x, tf.math.mul(s4, eps));
  }

  /** Feeds items [start, start+count) of host arrays, padded to the batch. */
  void feed(Session.Runner r, List<Tensor> open, float[] xs, float[] ys, float[] sigmas, float[] epss,
      int start, int count) {
    int d = spec.imageSize();
    TFloat32 tx = Tensors.f32(Batching.chunk(xs, start, count, d, batch), spec.imageShape(batch));
    open.add(tx);
    r.feed(x, tx);
    if (y != null) {
      if (ys == null) {
        throw new IllegalArgumentException("this model is conditional: conditions are required");
      }
      TFloat32 ty = Tensors.f32(Batching.chunk(ys, start, count, spec.condDim(), batch), batch, spec.condDim());
      open.add(ty);
      r.feed(y, ty);
    }
    if (sigma != null) {
      TFloat32 ts = Tensors.f32(Batching.chunk(sigmas, start, count, 1, batch), batch);
      TFloat32 te = Tensors.f32(Batching.chunk(epss, start, count, d, batch), spec.imageShape(batch));
      open.add(ts);
      open.add(te);
      r.feed(sigma, ts);
      r.feed(eps, te);
    }
  }

  static List<Tensor> openList() {
    return new ArrayList<>();
  }

  static void closeAll(List<Tensor> open) {
    for (Tensor t : open) {
      t.close();
    }
    open.clear();
  }
}
