package org.tdabench.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * One root seed from which every consumer derives its own seed by a path such as
 * {@code "lds/subset/17/seed/0"} or {@code "method/mucs/probe"}. The derived seed is a hash of
 * (root, path), so adding a consumer never changes anybody else's randomness, and the same path
 * gives the same seed on every machine.
 *
 * <p>Paths are '/'-separated; {@link #child(String)} appends one or more segments.
 */
public final class SeedTree {
  private final long root;
  private final String path;

  private SeedTree(long root, String path) {
    this.root = root;
    this.path = path;
  }

  /** The tree of one root seed. */
  public static SeedTree root(long seed) {
    return new SeedTree(seed, "");
  }

  /** The sub-tree at {@code segments} below this node, e.g. {@code child("lds/subset")}. */
  public SeedTree child(String segments) {
    Objects.requireNonNull(segments, "segments");
    String s = segments.strip();
    if (s.isEmpty() || s.startsWith("/") || s.endsWith("/") || s.contains("//")) {
      throw new IllegalArgumentException("bad seed path segment: '" + segments + "'");
    }
    return new SeedTree(root, path.isEmpty() ? s : path + "/" + s);
  }

  /** The sub-tree {@code name/index}, e.g. {@code child("subset", 17)}. */
  public SeedTree child(String name, long index) {
    return child(name + "/" + index);
  }

  public long rootSeed() {
    return root;
  }

  public String path() {
    return path;
  }

  /** This node's 64-bit seed: the first 8 bytes of SHA-256("tdabench-seed:" root ":" path). */
  public long seed() {
    byte[] h = sha256("tdabench-seed:" + root + ":" + path);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (h[i] & 0xffL);
    }
    return v;
  }

  /**
   * A pair of seeds for TensorFlow's stateless random ops, which take an int64[2] seed. The second
   * word is derived independently so that the pair carries 128 bits of the path hash.
   */
  public long[] statelessPair() {
    byte[] h = sha256("tdabench-seed:" + root + ":" + path);
    long a = 0;
    long b = 0;
    for (int i = 0; i < 8; i++) {
      a = (a << 8) | (h[i] & 0xffL);
      b = (b << 8) | (h[8 + i] & 0xffL);
    }
    return new long[] {a, b};
  }

  /** A fresh counter-based stream keyed by this node's seed. */
  public CounterRng rng() {
    return new CounterRng(seed());
  }

  @Override
  public String toString() {
    return "seed(" + root + ":" + path + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeedTree t && t.root == root && t.path.equals(path);
  }

  @Override
  public int hashCode() {
    return Objects.hash(root, path);
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
