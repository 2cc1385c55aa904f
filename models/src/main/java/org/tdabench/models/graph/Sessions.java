package org.tdabench.models.graph;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * Sessions with pinned thread counts: changing intra- or inter-op threads changes the bits of a
 * reduction, so every result records the counts it ran with. Each session gets thread pools of its
 * own: by default TensorFlow sizes one process-wide pool from the first session a process opens, so
 * a session asking for one thread after another asked for two silently ran on two (and wrote other
 * bits).
 */
public final class Sessions {
  private Sessions() {}

  /** Threads per session when the caller does not say: all cores. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  public static Session open(Graph g, int intraOpThreads) {
    return new Session(g, config(intraOpThreads).build());
  }

  /**
   * A session for a fleet graph, whose models must compute the same bits whatever the fleet size:
   * grappler's arithmetic optimizer is off, because its rewrites (re-associated sums and products)
   * were seen to differ between a fleet of one and a larger fleet of the same graph code.
   */
  public static Session openFleet(Graph g, int intraOpThreads) {
    RewriterConfig rewrites = RewriterConfig.newBuilder()
        .setArithmeticOptimization(RewriterConfig.Toggle.OFF)
        .build();
    return new Session(g, config(intraOpThreads)
        .setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(rewrites))
        .build());
  }

  private static ConfigProto.Builder config(int intraOpThreads) {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraOpThreads)
        .setInterOpParallelismThreads(1)
        .setAllowSoftPlacement(true)
        .setUsePerSessionThreads(true);
  }
}
