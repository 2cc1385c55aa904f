package org.tdabench.benchmark.ablation;

import java.util.List;
import java.util.Map;
import org.tdabench.benchmark.stats.Estimate;

/**
 * Everything the ablation says about one method, over its seeds.
 *
 * @param method method id
 * @param unionSizes distinct training images removed, per seed (also the size of its random reference)
 * @param withinOverlap overlap of its top-k lists across targets, percent, mean over seeds
 * @param metrics per metric and group, against the size-matched random removal
 * @param specificity per metric, the within-model contrast of targets against controls
 */
public record MethodAblation(String method, int[] unionSizes, Estimate withinOverlap, List<MetricResult> metrics,
    Map<String, Specificity> specificity) {

  /** The result for {@code metric} and {@code group}. */
  public MetricResult result(String metric, Group group) {
    for (MetricResult r : metrics) {
      if (r.metric().equals(metric) && r.group() == group) {
        return r;
      }
    }
    throw new IllegalArgumentException("no " + group.id() + " result for metric '" + metric + "' of " + method);
  }

  /** The mean union size over seeds, rounded. */
  public int meanUnionSize() {
    double s = 0;
    for (int u : unionSizes) {
      s += u;
    }
    return unionSizes.length == 0 ? -1 : (int) Math.round(s / unionSizes.length);
  }
}
