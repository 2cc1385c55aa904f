package org.tdabench.benchmark.store;

import java.util.Map;

/**
 * The {@code sidecar.json} of an artifact: how it was made, so that every leaderboard number can be
 * traced to its recipe and machine.
 *
 * @param hash the artifact key (SHA-256 of the canonical recipe)
 * @param recipe the recipe, as written
 * @param timings named durations in seconds reported by the producer, plus "total"
 * @param machine where it was computed
 * @param threads the thread count the producer used (e.g. TensorFlow intra-op threads)
 * @param start ISO-8601 start instant
 * @param end ISO-8601 end instant
 * @param tdabenchVersion the tdabench build that wrote it
 * @param host the host it was computed on
 * @param notes anything else the producer recorded (steps taken, early-stop epoch, ...)
 */
public record Sidecar(String hash, Recipe recipe, Map<String, Double> timings, Machine machine, int threads,
    String start, String end, String tdabenchVersion, String host, Map<String, Object> notes) {

  /** The file name inside an artifact folder. */
  public static final String FILE = "sidecar.json";
}
