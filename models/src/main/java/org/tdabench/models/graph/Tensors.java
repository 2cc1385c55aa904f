package org.tdabench.models.graph;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** Host <-> tensor copies. Every tensor returned must be closed by the caller. */
public final class Tensors {
  private Tensors() {}

  public static TFloat32 f32(float[] data, long... shape) {
    long n = Shape.of(shape).size();
    if (n != data.length) {
      throw new IllegalArgumentException("data of length " + data.length + " for shape " + Shape.of(shape));
    }
    return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(data, true, false));
  }

  /** A tensor of the first {@code Shape.size} values of {@code data} (which may be longer). */
  public static TFloat32 f32Prefix(float[] data, long... shape) {
    long n = Shape.of(shape).size();
    return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(data, true, false).narrow(n));
  }

  public static TFloat32 scalar(float v) {
    return TFloat32.scalarOf(v);
  }

  public static TInt32 i32(int[] data, long... shape) {
    return TInt32.tensorOf(Shape.of(shape), DataBuffers.of(data, true, false));
  }

  public static TInt64 i64(long... data) {
    return TInt64.vectorOf(data);
  }

  /** Copies a float tensor to a new array. */
  public static float[] read(Tensor t) {
    float[] out = new float[(int) t.shape().size()];
    t.asRawTensor().data().asFloats().read(out);
    return out;
  }

  /** Copies a float tensor into {@code out} starting at {@code offset}. */
  public static void readInto(Tensor t, float[] out, int offset) {
    int n = (int) t.shape().size();
    t.asRawTensor().data().asFloats().read(out, offset, n);
  }

  public static float readScalar(Tensor t) {
    return ((TFloat32) t).getFloat();
  }
}
