package org.tdabench.models.train;

import java.util.Objects;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.config.TrainConfig;

/**
 * One compiled fleet graph per thread, reused by consecutive fleets of the same shape: building the
 * graph and its first optimised run cost seconds, which a benchmark that trains dozens of small
 * models would pay every time. A fleet writes every variable before its first step, so a reused
 * graph trains exactly as a fresh one (tested bit for bit).
 */
public final class FleetGraphs {
  private FleetGraphs() {}

  private record Key(ModelSpec spec, TrainConfig graphConfig, int threads, int models, int valBatch) {}

  private static final ThreadLocal<Key> KEY = new ThreadLocal<>();
  private static final ThreadLocal<FleetGraph> GRAPH = new ThreadLocal<>();

  /**
   * The calling thread's graph for this shape, built if the thread has none or had another (which is
   * then closed). The caller must not close it.
   */
  public static FleetGraph acquire(ModelSpec spec, TrainConfig cfg, int threads, int models, int valBatch) {
    Key key = new Key(spec, graphConfig(cfg), threads, models, valBatch);
    FleetGraph g = GRAPH.get();
    if (g != null && Objects.equals(KEY.get(), key)) {
      return g;
    }
    release();
    g = new FleetGraph(spec, cfg, threads, models, valBatch);
    GRAPH.set(g);
    KEY.set(key);
    return g;
  }

  /** Only what shapes the graph: schedules, budgets and learning rates are fed per step. */
  static TrainConfig graphConfig(TrainConfig cfg) {
    return new TrainConfig(cfg.batchSize(), 1.0, cfg.weightDecay(), cfg.beta1(), cfg.beta2(), cfg.adamEps(), 1, 1,
        1, 1, cfg.emaDecay(), 0, 0);
  }

  /** Closes the calling thread's graph, if any. */
  public static void release() {
    FleetGraph g = GRAPH.get();
    if (g != null) {
      g.close();
    }
    GRAPH.remove();
    KEY.remove();
  }
}
