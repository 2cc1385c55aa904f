package org.tdabench.datasets.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tdabench.core.Hashing;

class HashedNgramEncoderTest {
  final HashedNgramEncoder enc = new HashedNgramEncoder(768, 2, 0);

  @Test
  void deterministicUnitVectorsOfTheConfiguredWidth() {
    float[] a = enc.embed("A man riding a horse on a beach.");
    assertEquals(768, a.length);
    assertArrayEquals(a, new HashedNgramEncoder(768, 2, 0).embed("A man riding a horse on a beach."));
    assertEquals(1.0, norm(a), 1e-5);
    assertEquals(64, new HashedNgramEncoder(64, 2, 0).embed("x").length);
    assertEquals(1.0, norm(enc.embed("")), 1e-5); // empty captions still get a unit vector
  }

  @Test
  void normalisationIgnoresCaseAndPunctuation() {
    assertArrayEquals(enc.embed("A man, riding a HORSE!"), enc.embed("a man riding a horse"));
    assertEquals(List.of("a", "man", "s", "café", "2"), HashedNgramEncoder.words("A man's CAFÉ -- 2"));
  }

  @Test
  void similarCaptionsAreCloserThanUnrelatedOnes() {
    float[] a = enc.embed("a man riding a horse on the beach");
    float[] b = enc.embed("a man riding a brown horse on a beach");
    float[] c = enc.embed("two cats sleeping on a red sofa");
    assertTrue(dot(a, b) > 0.6, "similar: " + dot(a, b));
    assertTrue(Math.abs(dot(a, c)) < 0.35, "unrelated: " + dot(a, c));
  }

  @Test
  void seedAndWidthChangeTheProjection() {
    assertFalse(java.util.Arrays.equals(enc.embed("a dog"), new HashedNgramEncoder(768, 2, 1).embed("a dog")));
  }

  @Test
  void outputIsPinned() {
    // Regression pin (computed by this implementation): a change here changes every prepared COCO
    // folder built with the default encoder, so HashedNgramEncoder.VERSION must be bumped with it.
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(768 * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (float f : enc.embed("A giraffe eating food from the top of a tree.")) {
      b.putFloat(f);
    }
    assertEquals(PINNED, Hashing.sha256Hex(b.array()));
  }

  static final String PINNED = "fa2092aa3fa31561165beeb40610dc5aa0484fbff1f309085cac29468a6fcf86";

  static double norm(float[] v) {
    return Math.sqrt(dot(v, v));
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * (double) b[i];
    }
    return s;
  }
}
