package org.tdabench.methods;

import java.nio.file.Path;
import org.tdabench.core.CounterRng;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Exports a small deterministic SavedModel embedding (random linear map of the flattened image). */
final class TinyBackbone {
  static final int DIM = 16;

  static void export(Path dir) throws Exception {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 8, 8, 3)));
      float[][] w = new float[192][DIM];
      CounterRng r = new CounterRng(5);
      for (float[] row : w) {
        for (int j = 0; j < DIM; j++) {
          row[j] = (float) r.nextGaussian();
        }
      }
      Operand<TFloat32> flat = tf.reshape(x, tf.constant(new int[] {-1, 192}));
      Operand<TFloat32> e = tf.linalg.matMul(flat, tf.constant(w));
      try (Session s = new Session(g)) {
        Signature sig = Signature.builder().key("serving_default").input("images", x).output("embedding", e).build();
        SavedModelBundle.exporter(dir.toString()).withFunction(SessionFunction.create(sig, s)).export();
      }
    }
  }
}
