package org.tdabench.datasets.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.core.UserError;
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
import org.tensorflow.types.TString;

/** A SavedModel text encoder built and exported here with TensorFlow Java, then loaded back. */
public class SavedModelTextEncoderTest {

  /** Exports a model mapping each caption to length(caption) * [1, 2, 3, 4]. */
  public static void export(Path dir) throws Exception {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TString> text = tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> len = tf.dtypes.cast(tf.strings.stringLength(text), TFloat32.class);
      Operand<TFloat32> col = tf.reshape(len, tf.constant(new int[] {-1, 1}));
      Operand<TFloat32> out = tf.math.mul(col, tf.constant(new float[][] {{1, 2, 3, 4}}));
      Signature sig = Signature.builder().key(SavedModelTextEncoder.SIGNATURE).input("text", text)
          .output("embedding", out).build();
      SavedModelBundle.exporter(dir.toString()).withFunction(SessionFunction.create(sig, s)).export();
    }
  }

  @Test
  void loadsAndEmbedsInBatches(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("encoder");
    export(dir);
    TextEncoderSpec spec = TextEncoderSpec.savedModel(dir);
    assertEquals(4, spec.identity().get("dim"));
    try (TextEncoder enc = spec.open()) {
      assertEquals(4, enc.dim());
      List<String> texts = new ArrayList<>();
      long[] ids = new long[70]; // more than one batch
      for (int i = 0; i < 70; i++) {
        texts.add("x".repeat(i + 1));
      }
      float[][] e = enc.encode(ids, texts);
      assertEquals(70, e.length);
      assertArrayEquals(new float[] {1, 2, 3, 4}, e[0]);
      assertArrayEquals(new float[] {70, 140, 210, 280}, e[69]);
      assertEquals("savedmodel", enc.describe().get("kind"));
    }
  }

  @Test
  void aFolderWithoutAModelIsAOneLineError(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("saved_model.pb"), "not a protobuf");
    UserError e = assertThrows(UserError.class, () -> TextEncoderSpec.savedModel(tmp).identity());
    assertTrue(e.getMessage().contains("saved_model.pb") || e.getMessage().contains("signature"), e.getMessage());
    assertThrows(UserError.class, () -> TextEncoderSpec.savedModel(tmp.resolve("missing")).identity());
  }
}
