package org.tdabench.benchmark.ablation;

import java.util.List;
import java.util.Map;
import org.tdabench.benchmark.stats.Estimate;

/**
 * The ablation's statistics for all methods of one run.
 *
 * @param randomMethod the method whose removal is the reference ("random")
 * @param methods one entry per method, in input order
 * @param tests pairwise Mann-Whitney p-values
 * @param acrossOverlap method -> method -> mean top-k overlap per target, percent
 * @param pValueMethod how the p-values were computed ({@link
 *     org.tdabench.benchmark.stats.MannWhitney#METHOD})
 */
public record AblationSummary(String randomMethod, List<MethodAblation> methods, List<PairwiseTest> tests,
    Map<String, Map<String, Estimate>> acrossOverlap, String pValueMethod) {

  /** The entry of {@code method}. */
  public MethodAblation method(String method) {
    return methods.stream().filter(m -> m.method().equals(method)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no ablation for method '" + method + "'"));
  }
}
