package org.tdabench.models.graph;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;

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
    ConfigProto cfg = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraOpThreads)
        .setInterOpParallelismThreads(1)
        .setAllowSoftPlacement(true)
        .setUsePerSessionThreads(true)
        .build();
    return new Session(g, cfg);
  }
}
