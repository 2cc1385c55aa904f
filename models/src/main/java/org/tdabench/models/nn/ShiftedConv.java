package org.tdabench.models.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A k x k "same" conv with per-sample weights as one batched product followed by shifted sums:
 * the input is zero-padded (one extra bottom row keeps every shifted window in bounds) and its
 * pixels flattened to rows of a [rows, in] matrix, so the output of tap (dy, dx) at pixel (r, c) is
 * row (r + dy) (W + 2p) + c + dx of Z_t = X W[dy, dx], a contiguous window of Z_t. One product
 * computes every tap's Z_t ([in] x [k k out]); a split gives each tap its own tensor and a slice its
 * window; the windows are summed and the two padding columns dropped. Compared with an im2col (k x k
 * shifted copies of the input, concatenated), this moves k x k times fewer input-sized tensors
 * forward and backward, which is what a conv with few channels costs. Columns outside the image
 * are computed and discarded (the product has (h + 2p + 1)(W + 2p) rows per image instead of h W).
 */
final class ShiftedConv {
  private ShiftedConv() {}

  static Operand<TFloat32> build(Layers l, Operand<TFloat32> x, Operand<TFloat32> weight, long h, long wd, long in,
      long out, int k) {
    Ops tf = l.tf;
    int p = k / 2;
    long wp = wd + 2L * p;
    long rows = (h + 2L * p + 1) * wp;
    int taps = k * k;
    Operand<TFloat32> xp = tf.pad(x, tf.constant(new int[][] {{0, 0}, {p, p + 1}, {p, p}, {0, 0}}), l.f(0));
    // [copies, k, k, in, out] -> [copies, in, (dy, dx, out)]: tap t's columns are t out .. (t + 1) out - 1.
    Operand<TFloat32> wcat = l.reshape(l.transpose(l.reshape(weight, l.copies, taps, in, out), 0, 2, 1, 3),
        l.copies, in, taps * out);
    Operand<TFloat32> z = l.copyProduct(l.reshape(xp, l.copies, l.group * rows, in), wcat, l.group * rows, in,
        taps * out);
    z = l.reshape(z, l.batch, rows, taps * out);
    List<Operand<TFloat32>> windows = new ArrayList<>();
    var split = tf.split(tf.constant(2), z, (long) taps);
    for (int dy = 0; dy < k; dy++) {
      for (int dx = 0; dx < k; dx++) {
        Operand<TFloat32> zt = split.output().get(dy * k + dx);
        // int32 begin/size: Slice's gradient subtracts them from an int32 shape.
        windows.add(tf.slice(zt, tf.constant(new int[] {0, (int) (dy * wp + dx), 0}),
            tf.constant(new int[] {l.batch, (int) (h * wp), (int) out})));
      }
    }
    Operand<TFloat32> y = l.reshape(l.addTree(windows), l.batch, h, wp, out);
    return tf.slice(y, tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {l.batch, (int) h, (int) wd, (int) out}));
  }
}
