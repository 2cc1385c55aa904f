package org.tdabench.datasets.text;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;

/**
 * The built-in deterministic text embedding: captions are NFKC-normalised, lower-cased and split
 * into words (runs of letters and digits); every word n-gram (n = 1..maxN) is hashed (FNV-1a 64)
 * into one of 2^20 buckets; the bag of buckets, weighted 1 + ln(count), is multiplied by a seeded
 * Gaussian matrix of 2^20 x D; the result is L2-normalised. Matrix row b is drawn lazily from
 * {@code SeedTree.root(seed).child("text/hashed-ngram/row", b)}, so the projection never has to be
 * stored. Similar captions get similar vectors; it needs no download and no model.
 *
 * <p>Thread-safe (rows are cached per thread).
 */
public final class HashedNgramEncoder implements TextEncoder {
  /** Bumped whenever the mapping from text to vector changes. */
  public static final int VERSION = 1;
  /** log2 of the number of hash buckets. */
  public static final int BUCKET_BITS = 20;
  private static final int CACHE_ROWS = 4096;
  private static final String EMPTY_TOKEN = "<empty>";

  private final int dim;
  private final int maxN;
  private final long seed;
  private final ThreadLocal<Map<Integer, float[]>> cache;

  /**
   * @param dim output width (768 by default, like the reference's CLIP ViT-L/14 text tower)
   * @param maxN longest word n-gram (2 by default: words and word pairs)
   * @param seed projection seed (0 by default)
   */
  public HashedNgramEncoder(int dim, int maxN, long seed) {
    if (dim < 1 || maxN < 1) {
      throw new IllegalArgumentException("dim and maxN must be positive");
    }
    this.dim = dim;
    this.maxN = maxN;
    this.seed = seed;
    this.cache = ThreadLocal.withInitial(() -> new LinkedHashMap<>(CACHE_ROWS, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Integer, float[]> e) {
        return size() > CACHE_ROWS;
      }
    });
  }

  @Override
  public int dim() {
    return dim;
  }

  @Override
  public float[][] encode(long[] ids, List<String> texts) {
    float[][] out = new float[texts.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = embed(texts.get(i));
    }
    return out;
  }

  /** The embedding of one caption. */
  public float[] embed(String text) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (String f : features(text)) {
      counts.merge(bucket(f), 1, Integer::sum);
    }
    double[] acc = new double[dim];
    counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      double w = 1.0 + StrictMath.log(e.getValue()); // StrictMath: identical bits on every machine
      float[] row = row(e.getKey());
      for (int j = 0; j < dim; j++) {
        acc[j] += w * row[j];
      }
    });
    double norm = 0;
    for (double v : acc) {
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    float[] out = new float[dim];
    for (int j = 0; j < dim; j++) {
      out[j] = (float) (acc[j] / norm);
    }
    return out;
  }

  /** The word n-grams of a caption, e.g. "1:a", "2:a man" (n = 1..maxN). */
  List<String> features(String text) {
    List<String> words = words(text);
    List<String> out = new ArrayList<>();
    if (words.isEmpty()) {
      out.add(EMPTY_TOKEN);
      return out;
    }
    for (int n = 1; n <= maxN; n++) {
      for (int i = 0; i + n <= words.size(); i++) {
        out.add(n + ":" + String.join(" ", words.subList(i, i + n)));
      }
    }
    return out;
  }

  /** Lower-cased words: maximal runs of letters and digits after NFKC normalisation. */
  static List<String> words(String text) {
    String t = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    int i = 0;
    while (i < t.length()) {
      int cp = t.codePointAt(i);
      if (Character.isLetterOrDigit(cp)) {
        int j = i;
        while (j < t.length() && Character.isLetterOrDigit(t.codePointAt(j))) {
          j += Character.charCount(t.codePointAt(j));
        }
        words.add(t.substring(i, j));
        i = j;
      } else {
        i += Character.charCount(cp);
      }
    }
    return words;
  }

  /** FNV-1a (64 bit) of the UTF-8 bytes, folded to BUCKET_BITS bits. */
  static int bucket(String feature) {
    long h = 0xcbf29ce484222325L;
    for (byte b : feature.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return (int) (CounterRng.mix64(h) >>> (64 - BUCKET_BITS));
  }

  private float[] row(int bucket) {
    Map<Integer, float[]> c = cache.get();
    float[] r = c.get(bucket);
    if (r == null) {
      r = new float[dim];
      SeedTree.root(seed).child("text/hashed-ngram/row", bucket).rng().fillGaussian(r);
      c.put(bucket, r);
    }
    return r;
  }

  @Override
  public boolean threadSafe() {
    return true;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "hashed-ngram");
    m.put("version", VERSION);
    m.put("dim", dim);
    m.put("max_n", maxN);
    m.put("buckets", 1 << BUCKET_BITS);
    m.put("seed", seed);
    m.put("doc", "NFKC lower-case words; word n-grams hashed (FNV-1a) into 2^20 buckets, weighted 1+ln(count),"
        + " projected with a seeded Gaussian matrix (SeedTree 'text/hashed-ngram/row/<bucket>'), L2-normalised");
    return m;
  }

  @Override
  public void close() {
    cache.remove();
  }
}
