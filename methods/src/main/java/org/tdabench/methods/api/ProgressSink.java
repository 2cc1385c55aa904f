package org.tdabench.methods.api;

import org.tdabench.core.Progress;

/** Progress of a long computation (the CLI draws a bar; tests ignore it). */
public interface ProgressSink {
  /** Starts a stage of {@code total} units. */
  void start(String stage, long total);

  /** {@code done} units of the current stage are complete. */
  void step(long done);

  ProgressSink NONE = new ProgressSink() {
    @Override
    public void start(String stage, long total) {}

    @Override
    public void step(long done) {}
  };

  /**
   * A sink reporting each stage as one task of {@code tasks}, named {@code prefix + ": " + stage}
   * (a new stage ends the previous one); close it when the computation ends.
   */
  static Tasks reportingTo(Progress.Factory tasks, String prefix) {
    return new Tasks(tasks, prefix);
  }

  /** The sink of {@link #reportingTo}. */
  final class Tasks implements ProgressSink, AutoCloseable {
    private final Progress.Factory tasks;
    private final String prefix;
    private Progress current = Progress.none();

    private Tasks(Progress.Factory tasks, String prefix) {
      this.tasks = tasks;
      this.prefix = prefix;
    }

    @Override
    public synchronized void start(String stage, long total) {
      current.close();
      current = tasks.start(prefix + ": " + stage, total, "step", 1);
    }

    @Override
    public synchronized void step(long done) {
      current.stepTo(done);
    }

    @Override
    public synchronized void close() {
      current.close();
      current = Progress.none();
    }
  }
}
