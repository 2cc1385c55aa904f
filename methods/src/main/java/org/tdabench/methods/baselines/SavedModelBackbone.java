package org.tdabench.methods.baselines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tdabench.core.UserError;
import org.tdabench.models.graph.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;

/**
 * An image embedding network given as a TensorFlow SavedModel (e.g. CLIP, DINO or SSCD exported
 * from Python): NHWC float input, one embedding vector per image. Inputs are resized bilinearly
 * (half-pixel centres) and normalised as the backbone expects before the call.
 */
final class SavedModelBackbone implements AutoCloseable {
  /** Input normalisations of common backbones. */
  enum Normalization {
    /** x in [-1, 1] as tdabench stores images. */
    SIGNED,
    /** x in [0, 1]. */
    UNIT,
    /** ImageNet mean/std on [0, 1] (DINO, SSCD). */
    IMAGENET,
    /** CLIP mean/std on [0, 1]. */
    CLIP
  }

  private final SavedModelBundle bundle;
  private final SessionFunction fn;
  private final String input;
  private final String output;
  private final Graph pre;
  private final Session preSession;
  private final Placeholder<TFloat32> preIn;
  private final Operand<TFloat32> preOut;
  private final int batch;
  private final int h;
  private final int w;
  private final int c;

  SavedModelBackbone(Path dir, String signature, String output, int size, Normalization norm, int batch,
      int h, int w, int c) {
    if (!Files.isDirectory(dir) || !Files.exists(dir.resolve("saved_model.pb"))) {
      throw new UserError("feature backbone " + dir + " is not a SavedModel folder (no saved_model.pb); "
          + "export one with tf.saved_model.save or pass another path");
    }
    this.bundle = SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG);
    try {
      this.fn = bundle.function(signature);
    } catch (IllegalArgumentException e) {
      throw new UserError("SavedModel " + dir + " has no signature '" + signature + "'; it has "
          + bundle.signatures().stream().map(Signature::key).toList());
    }
    Signature sig = fn.signature();
    if (sig.inputNames().size() != 1) {
      throw new UserError("signature '" + signature + "' of " + dir + " must take one image input, it takes "
          + sig.inputNames());
    }
    this.input = sig.inputNames().iterator().next();
    if (output == null || output.isEmpty()) {
      if (sig.outputNames().size() != 1) {
        throw new UserError("signature '" + signature + "' of " + dir + " has several outputs "
            + sig.outputNames() + "; choose one with feature.output");
      }
      this.output = sig.outputNames().iterator().next();
    } else {
      if (!sig.outputNames().contains(output)) {
        throw new UserError("signature '" + signature + "' has no output '" + output + "'; it has " + sig.outputNames());
      }
      this.output = output;
    }
    this.batch = batch;
    this.h = h;
    this.w = w;
    this.c = c;
    this.pre = new Graph();
    Ops tf = Ops.create(pre);
    preIn = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, h, w, c)));
    Operand<TFloat32> x = preIn;
    if (size > 0 && (size != h || size != w)) {
      x = tf.image.resizeBilinear(x, tf.constant(new int[] {size, size}), ResizeBilinear.halfPixelCenters(true));
    }
    if (norm != Normalization.SIGNED) {
      x = tf.math.div(tf.math.add(x, tf.constant(1f)), tf.constant(2f));
    }
    if (norm == Normalization.IMAGENET || norm == Normalization.CLIP) {
      float[] mean = norm == Normalization.IMAGENET ? new float[] {0.485f, 0.456f, 0.406f}
          : new float[] {0.48145466f, 0.4578275f, 0.40821073f};
      float[] std = norm == Normalization.IMAGENET ? new float[] {0.229f, 0.224f, 0.225f}
          : new float[] {0.26862954f, 0.26130258f, 0.27577711f};
      if (c != 3) {
        throw new UserError("normalisation " + norm + " needs RGB images, these have " + c + " channels");
      }
      x = tf.math.div(tf.math.sub(x, tf.constant(mean)), tf.constant(std));
    }
    preOut = tf.identity(x); // never the placeholder itself: TF refuses to feed and fetch one tensor
    preSession = new Session(pre);
  }

  /** Embeddings of n images (flat NHWC in [-1, 1]); returns n x dim (dim in {@code dimOut[0]}). */
  float[] embed(float[] images, int n, int[] dimOut) {
    int d = h * w * c;
    float[] out = null;
    int dim = -1;
    for (int start = 0; start < n; start += batch) {
      int count = Math.min(batch, n - start);
      float[] chunk = new float[batch * d];
      System.arraycopy(images, start * d, chunk, 0, count * d);
      for (int i = count; i < batch; i++) {
        System.arraycopy(images, (start + count - 1) * d, chunk, i * d, d);
      }
      try (TFloat32 tx = Tensors.f32(chunk, batch, h, w, c);
          Result pr = preSession.runner().feed(preIn, tx).fetch(preOut).run();
          Result r = fn.call(Map.of(input, pr.get(0)))) {
        Tensor e = r.get(output).orElseThrow();
        float[] v = Tensors.read(e);
        if (dim < 0) {
          dim = v.length / batch;
          out = new float[n * dim];
        }
        System.arraycopy(v, 0, out, start * dim, count * dim);
      }
    }
    dimOut[0] = dim;
    return out;
  }

  @Override
  public void close() {
    preSession.close();
    pre.close();
    bundle.close();
  }
}
