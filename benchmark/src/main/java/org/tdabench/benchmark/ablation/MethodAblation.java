package org.tdabench.benchmark.ablation;

import java.util.List;
import org.tdabench.benchmark.stats.Estimate;

/**
 * Everything the ablation says about one method.
 *
 * @param method method id
 * @param removal the union it removed (size logged beside every number)
 * @param withinOverlap overlap of its top-k lists across target pairs, percent, mean +- 1.98 SE
 * @param metrics per metric and group, against random removal
 */
public record MethodAblation(String method, RemovalSet removal, Estimate withinOverlap, List<MetricResult> metrics) {

  /** The result for {@code metric} and {@code group}. */
  public MetricResult result(String metric, Group group) {
    for (MetricResult r : metrics) {
      if (r.metric().equals(metric) && r.group() == group) {
        return r;
      }
    }
    throw new IllegalArgumentException("no " + group.id() + " result for metric '" + metric + "' of " + method);
  }
}
