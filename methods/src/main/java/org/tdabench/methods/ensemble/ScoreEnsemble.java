package org.tdabench.methods.ensemble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hipparchus.stat.ranking.NaNStrategy;
import org.hipparchus.stat.ranking.NaturalRanking;
import org.hipparchus.stat.ranking.TiesStrategy;
import org.tdabench.core.UserError;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.methods.api.Scores;

/**
 * A cross-method score ensemble (the MUCS paper reports that ensembling TDA methods helps; no
 * reference implementation exists, so this is our definition, after the score ensembles of the MUCS paper): per
 * target, each constituent's score row is normalised — to ranks scaled to [0, 1] (average ranks for
 * ties) or to z-scores — and the normalised rows are averaged with the given weights. The
 * constituents' scores come from the same task (same model, targets and noise), computed once.
 */
public final class ScoreEnsemble implements AttributionMethod {
  @Override
  public String name() {
    return "ensemble";
  }

  @Override
  public String description() {
    return "per-target rank (or z-score) average of other methods' scores (ensemble.members=mucs,dtrak)";
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public MethodOptions.Schema options() {
    return new MethodOptions.Schema()
        .add("members", "mucs,dtrak", "comma-separated constituent methods")
        .add("weights", "", "comma-separated weights, one per member (default: equal)")
        .add("normalization", "rank", "rank (average ranks scaled to [0,1]) or zscore");
  }

  /** Unavailable when a member is not installed or is itself unavailable on this task. */
  @Override
  public java.util.Optional<String> unavailableReason(AttributionTask task) {
    List<String> installed = org.tdabench.methods.api.Methods.installed().stream().map(AttributionMethod::name).toList();
    for (String m : task.options().getString("members").split(",")) {
      String name = m.trim();
      if (!name.isEmpty() && !installed.contains(name)) {
        return java.util.Optional.of("member '" + name + "' is not installed (installed: " + String.join(", ", installed) + ")");
      }
    }
    return java.util.Optional.empty();
  }

  @Override
  public void checkOptions(MethodOptions o) {
    weights(o, members(o).size());
    normalization(o);
  }

  private List<String> members(MethodOptions o) {
    List<String> members = Arrays.stream(o.getString("members").split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
    if (members.size() < 2) {
      throw o.bad("members", "at least two methods");
    }
    if (members.contains(name())) {
      throw o.bad("members", "other methods (an ensemble cannot contain itself)");
    }
    return members;
  }

  private static String normalization(MethodOptions o) {
    String norm = o.getString("normalization").toLowerCase(Locale.ROOT);
    if (!norm.equals("rank") && !norm.equals("zscore")) {
      throw o.bad("normalization", "rank or zscore");
    }
    return norm;
  }

  @Override
  public Scores attribute(AttributionTask task) {
    long t0 = System.nanoTime();
    MethodOptions o = task.options();
    List<String> members = members(o);
    double[] w = weights(o, members.size());
    String norm = normalization(o);
    int t = task.targets().size();
    int n = task.train().size();
    float[] out = new float[t * n];
    double shared = 0;
    List<Scores> parts = new ArrayList<>();
    for (String m : members) {
      Scores s = task.resources().scoresOf(m);
      if (s.targets() != t || s.train() != n) {
        throw new UserError("ensemble member " + m + " scored " + s.targets() + " x " + s.train()
            + ", not this task's " + t + " x " + n);
      }
      parts.add(s);
    }
    double[] perTarget = new double[t];
    for (int k = 0; k < parts.size(); k++) {
      Scores s = parts.get(k);
      shared += s.sharedSeconds();
      for (int p = 0; p < t; p++) {
        perTarget[p] += s.perTargetSeconds()[p];
        double[] row = normalise(s.row(p), norm);
        for (int i = 0; i < n; i++) {
          out[p * n + i] += (float) (w[k] * row[i]);
        }
      }
    }
    Map<String, Object> md = new LinkedHashMap<>();
    md.put("members", members);
    md.put("weights", Arrays.stream(w).boxed().toList());
    md.put("normalization", norm);
    md.put("cost", "sum of the members' costs (their stored scores are reused)");
    shared += (System.nanoTime() - t0) / 1e9;
    return new Scores(t, n, out, shared, perTarget, md);
  }

  private static double[] weights(MethodOptions o, int m) {
    String s = o.getString("weights").trim();
    double[] w = new double[m];
    if (s.isEmpty()) {
      Arrays.fill(w, 1.0 / m);
      return w;
    }
    String[] parts = s.split(",");
    if (parts.length != m) {
      throw o.bad("weights", m + " comma-separated numbers, one per member");
    }
    double sum = 0;
    for (int i = 0; i < m; i++) {
      try {
        w[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw o.bad("weights", "numbers");
      }
      if (!(w[i] >= 0)) {
        throw o.bad("weights", "non-negative numbers");
      }
      sum += w[i];
    }
    if (sum <= 0) {
      throw o.bad("weights", "numbers with a positive sum");
    }
    for (int i = 0; i < m; i++) {
      w[i] /= sum;
    }
    return w;
  }

  /** Ranks scaled to [0, 1] (average ranks for ties), or z-scores (0 for a constant row). */
  static double[] normalise(float[] row, String norm) {
    int n = row.length;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = row[i];
    }
    if (norm.equals("rank")) {
      double[] r = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(x);
      for (int i = 0; i < n; i++) {
        r[i] = n == 1 ? 0.5 : (r[i] - 1) / (n - 1);
      }
      return r;
    }
    double mean = Arrays.stream(x).average().orElse(0);
    double var = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / n;
    double sd = Math.sqrt(var);
    for (int i = 0; i < n; i++) {
      x[i] = sd > 0 ? (x[i] - mean) / sd : 0;
    }
    return x;
  }
}
