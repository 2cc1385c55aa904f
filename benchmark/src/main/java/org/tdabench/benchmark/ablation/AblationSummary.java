package org.tdabench.benchmark.ablation;

import java.util.List;
import java.util.Map;
import org.tdabench.benchmark.stats.Estimate;

/**
 * The ablation's statistics for all methods of one run.
 *
 * @param methods one entry per method, in input order
 * @param acrossOverlap method -> method -> mean top-k overlap per target, percent (first seed)
 * @param seeds the number of seeds behind every number
 */
public record AblationSummary(List<MethodAblation> methods, Map<String, Map<String, Estimate>> acrossOverlap,
    int seeds) {

  /** The entry of {@code method}. */
  public MethodAblation method(String method) {
    return methods.stream().filter(m -> m.method().equals(method)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no ablation for method '" + method + "'"));
  }
}
