package org.tdabench.benchmark.ablation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-image before/after values of every metric for one method's ablation, for targets and controls.
 * Image i after removal is compared with image i before, generated from
 * the same noise and condition. Several runs (seeds) are pooled with {@link #concat}, as MUCS pools
 * its seeds.
 *
 * @param targets metric name -> one value per target
 * @param controls metric name -> one value per control
 */
public record Similarities(Map<String, double[]> targets, Map<String, double[]> controls) {

  public Similarities {
    targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    controls = Collections.unmodifiableMap(new LinkedHashMap<>(controls));
  }

  /** Measures every metric on matching before/after batches. */
  public static Similarities measure(List<SimilarityMetric> metrics, Images targetsBefore, Images targetsAfter,
      Images controlsBefore, Images controlsAfter) {
    return new Similarities(measureGroup(metrics, targetsBefore, targetsAfter),
        measureGroup(metrics, controlsBefore, controlsAfter));
  }

  private static Map<String, double[]> measureGroup(List<SimilarityMetric> metrics, Images before, Images after) {
    if (before.count() != after.count() || !before.sameShape(after)) {
      throw new IllegalArgumentException("before/after batches differ: " + before.count() + " vs " + after.count()
          + " images");
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    for (SimilarityMetric m : metrics) {
      double[] v = new double[before.count()];
      for (int i = 0; i < v.length; i++) {
        v[i] = m.compute(before, i, after, i);
      }
      out.put(m.name(), v);
    }
    return out;
  }

  /** The values of {@code metric} for {@code group}. */
  public double[] get(Group group, String metric) {
    double[] v = (group == Group.TARGETS ? targets : controls).get(metric);
    if (v == null) {
      throw new IllegalArgumentException("no " + group.id() + " values for metric '" + metric + "'");
    }
    return v;
  }

  /** These values followed by {@code other}'s, metric by metric (both must have the same metrics). */
  public Similarities concat(Similarities other) {
    return new Similarities(concat(targets, other.targets), concat(controls, other.controls));
  }

  private static Map<String, double[]> concat(Map<String, double[]> a, Map<String, double[]> b) {
    if (!a.keySet().equals(b.keySet())) {
      throw new IllegalArgumentException("different metrics: " + a.keySet() + " vs " + b.keySet());
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : a.entrySet()) {
      double[] x = e.getValue();
      double[] y = b.get(e.getKey());
      double[] z = java.util.Arrays.copyOf(x, x.length + y.length);
      System.arraycopy(y, 0, z, x.length, y.length);
      out.put(e.getKey(), z);
    }
    return out;
  }
}
