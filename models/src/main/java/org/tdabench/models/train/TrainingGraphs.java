package org.tdabench.models.train;

import java.util.Objects;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.config.TrainConfig;

/**
 * One compiled training graph per thread, reused by consecutive trainings of the same shape: building
 * the graph and its first optimised run cost seconds, which a benchmark that trains dozens of small
 * models would pay every time. {@link TrainingGraph#start} resets weights, EMA and optimiser state,
 * so a reused graph trains exactly as a fresh one (tested bit for bit).
 */
public final class TrainingGraphs {
  private TrainingGraphs() {}

  private record Key(ModelSpec spec, TrainConfig graphConfig, int threads, int valBatch) {}

  private static final ThreadLocal<Key> KEY = new ThreadLocal<>();
  private static final ThreadLocal<TrainingGraph> GRAPH = new ThreadLocal<>();

  /**
   * The calling thread's graph for this shape, built if the thread has none or had another (which is
   * then closed). The caller must not close it.
   */
  public static TrainingGraph acquire(ModelSpec spec, TrainConfig cfg, int threads, int valBatch) {
    // Only what shapes the graph matters; schedules and budgets are fed per step.
    TrainConfig graphConfig = new TrainConfig(cfg.batchSize(), 1.0, cfg.weightDecay(), cfg.beta1(), cfg.beta2(),
        cfg.adamEps(), 1, 1, 1, 1, cfg.emaDecay(), 0, 0);
    Key key = new Key(spec, graphConfig, threads, valBatch);
    TrainingGraph g = GRAPH.get();
    if (g != null && Objects.equals(KEY.get(), key)) {
      return g;
    }
    release();
    g = new TrainingGraph(spec, cfg, threads, valBatch);
    GRAPH.set(g);
    KEY.set(key);
    return g;
  }

  /** Closes the calling thread's graph, if any. */
  public static void release() {
    TrainingGraph g = GRAPH.get();
    if (g != null) {
      g.close();
    }
    GRAPH.remove();
    KEY.remove();
  }
}
