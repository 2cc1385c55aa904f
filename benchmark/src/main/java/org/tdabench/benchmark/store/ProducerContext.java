package org.tdabench.benchmark.store;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a {@link Producer} gets: its output folder, and places to record timings, threads and notes. */
public final class ProducerContext {
  private final Path folder;
  private final Map<String, Double> timings = new LinkedHashMap<>();
  private final Map<String, Object> notes = new LinkedHashMap<>();
  private int threads;

  ProducerContext(Path folder, int defaultThreads) {
    this.folder = folder;
    this.threads = defaultThreads;
  }

  /** The folder to write payload files into. */
  public Path folder() {
    return folder;
  }

  /** Records a named duration (seconds) in the sidecar. */
  public ProducerContext timing(String name, double seconds) {
    timings.put(name, seconds);
    return this;
  }

  /** Records the thread count the computation used (default: the store's). */
  public ProducerContext threads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("thread count must be >= 1: " + n);
    }
    threads = n;
    return this;
  }

  /** Records a free-form note (a JSON value) in the sidecar. */
  public ProducerContext note(String key, Object value) {
    notes.put(key, value);
    return this;
  }

  Map<String, Double> timings() {
    return timings;
  }

  Map<String, Object> notes() {
    return notes;
  }

  int threadCount() {
    return threads;
  }
}
