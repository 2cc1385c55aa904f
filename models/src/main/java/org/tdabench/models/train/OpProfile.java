package org.tdabench.models.train;

import java.util.function.BiConsumer;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

/** Reads per-node execution times from a traced run and reports them by op type. */
public final class OpProfile {
  private OpProfile() {}

  /**
   * Runs {@code r}: plainly when {@code sink} is null, else traced op by op with each node's
   * microseconds reported to {@code sink} by op type. The caller closes the result.
   */
  public static Result run(Session.Runner r, Graph g, BiConsumer<String, Long> sink) {
    if (sink == null) {
      return r.run();
    }
    r.setOptions(RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build());
    Result res = r.runAndFetchMetadata();
    res.getMetadata().ifPresent(md -> collect(g, md, sink));
    return res;
  }

  public static void collect(Graph g, RunMetadata md, BiConsumer<String, Long> sink) {
    for (DeviceStepStats dev : md.getStepStats().getDevStatsList()) {
      for (NodeExecStats n : dev.getNodeStatsList()) {
        String type = n.getNodeName();
        GraphOperation op = g.operation(n.getNodeName());
        if (op != null) {
          type = op.type();
        } else if (n.getTimelineLabel().contains("= ")) {
          String l = n.getTimelineLabel();
          int eq = l.indexOf("= ");
          int paren = l.indexOf('(', eq);
          type = paren > eq ? l.substring(eq + 2, paren) : type;
        }
        sink.accept(type, n.getAllEndRelMicros());
      }
    }
  }
}
