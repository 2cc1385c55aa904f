package org.tdabench.methods.api;

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
}
