package org.tdabench.benchmark.run;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tdabench.benchmark.lds.LdsEstimate;
import org.tdabench.benchmark.lds.LdsVariance;

/**
 * Sizes a preset from a pilot run: for every method, the variance components of its LDS and of its
 * paired difference to random (and to one reference method), and the subsets a run with the same
 * model needs for the paired interval to exclude 0, at the pilot's targets and at more.
 */
public final class LdsPower {
  private LdsPower() {}

  /** Prints the table; returns key=value pairs for the closing line. */
  public static Map<String, Object> measure(RunConfig cfg, PrintStream out, double delta, String reference,
      int[] targetCounts) {
    RunContext ctx = RunContext.open(cfg);
    Pipeline p = new Pipeline(cfg, out);
    // Methods that cannot run on this model (no backbone, not an ensemble) have no scores to size.
    List<String> methods = p.runnable(ctx, new LinkedHashMap<>());
    LdsAnalysis.Result r = LdsAnalysis.analyse(ctx, methods, 0.95);
    Map<String, Object> kv = new LinkedHashMap<>();
    var random = r.methods().get("random").gen();
    out.printf(Locale.ROOT, "pilot: M = %d eval subsets, T = %d gen targets; components of the mean over targets%n",
        random.subsets(), random.targets());
    out.printf(Locale.ROOT, "%-28s %8s %9s %9s %9s   subsets for the paired interval to exclude 0 (80%% power)%n",
        "quantity", "mean", "V_shared", "V_indep", "V_between");
    for (String m : methods) {
      var g = r.methods().get(m).gen();
      LdsVariance v = LdsVariance.of(g.perTarget(), g.jackknife());
      row(out, m, v, Double.NaN, targetCounts);
      if (!m.equals("random")) {
        LdsVariance d = LdsVariance.of(LdsEstimate.difference(g.perTarget(), random.perTarget()),
            LdsEstimate.difference(g.jackknife(), random.jackknife()));
        double effect = Double.isNaN(delta) ? d.mean() : delta;
        int need = row(out, "  " + m + " - random", d, effect, targetCounts);
        kv.put("m_vs_random_" + m, need);
        kv.put("diff_vs_random_" + m, d.mean());
        kv.put("v_shared_diff_" + m, d.shared());
        if (reference != null && !m.equals(reference) && r.methods().containsKey(reference)) {
          var ref = r.methods().get(reference).gen();
          LdsVariance e = LdsVariance.of(LdsEstimate.difference(g.perTarget(), ref.perTarget()),
              LdsEstimate.difference(g.jackknife(), ref.jackknife()));
          row(out, "  " + m + " - " + reference, e, Double.isNaN(delta) ? 0.10 : delta, targetCounts);
        }
      }
    }
    kv.put("pilot_subsets", random.subsets());
    kv.put("pilot_targets", random.targets());
    return kv;
  }

  private static int row(PrintStream out, String label, LdsVariance v, double effect, int[] targetCounts) {
    StringBuilder need = new StringBuilder();
    int first = -1;
    if (!Double.isNaN(effect)) {
      need.append(String.format(Locale.ROOT, "delta %.3f:", effect));
      for (int t : targetCounts) {
        int m = effect > 0 ? v.subsetsFor(effect, t, 1.96 + 0.84) : Integer.MAX_VALUE;
        need.append(String.format(Locale.ROOT, " T=%d -> %s", t, m == Integer.MAX_VALUE ? "never" : Integer.toString(m)));
        first = first < 0 ? m : first;
      }
    }
    out.printf(Locale.ROOT, "%-28s %8.3f %9.5f %9.5f %9.5f   %s%n", label, v.mean(), v.shared(), v.independent(),
        v.between(), need);
    return first;
  }
}
