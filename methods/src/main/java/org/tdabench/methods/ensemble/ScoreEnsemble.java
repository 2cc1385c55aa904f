package org.tdabench.methods.ensemble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hipparchus.stat.ranking.NaNStrategy;
import org.hipparchus.stat.ranking.NaturalRanking;
import org.hipparchus.stat.ranking.TiesStrategy;
import org.tdabench.core.UserError;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.EnsembleMode;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.methods.api.Methods;
import org.tdabench.methods.api.Scores;

/**
 * A cross-method score ensemble. No published definition or reference implementation was found
 * (the MUCS reference code reads scores from a method folder named "combi" that its repository
 * does not define), so this is our definition: per target, each member's score row is normalised
 * and the normalised rows are averaged with the given weights.
 *
 * <p>The members' scores are of different kinds: D-TRAK's and TRAK's are signed (positive = the
 * sample lowers the target's loss), DAS's are squared, encoded-ensemble distances are unsigned
 * magnitudes, MUCS's are loss skews. A raw average would mix units and signs, so every row is
 * normalised first, and the normalisation is part of the method's name: {@code -rank} (average
 * ranks scaled to [0, 1]) or {@code -zscore} (zero mean, unit variance per row). Normalising puts
 * the members on one scale; it does not make their meanings equal (a rank of a squared score
 * orders by magnitude, a rank of a signed score by helpfulness), which the constituents' own rows
 * on the leaderboard show.
 *
 * <p>The members' scores come from the same task (same model, targets and noise), computed once as
 * jobs of their own ({@link #requiredMethods}); this method's cost is the members' recorded costs
 * plus its own combination time, measured after the members' scores are read.
 */
public abstract class ScoreEnsemble implements AttributionMethod {
  /** How each member's score row is put on a common scale. */
  public enum Normalization {
    /** Average ranks for ties, scaled to [0, 1]. */
    RANK,
    /** (s - mean) / sd per row (population sd; 0 for a constant row). */
    ZSCORE
  }

  private final String name;
  private final String defaultMembers;
  private final Normalization norm;

  protected ScoreEnsemble(String name, String defaultMembers, Normalization norm) {
    this.name = name;
    this.defaultMembers = defaultMembers;
    this.norm = norm;
  }

  /** MUCS + D-TRAK (the pairing the MUCS paper reports), rank-averaged. */
  public static final class Rank extends ScoreEnsemble {
    public Rank() {
      super("ensemble-rank", "mucs,dtrak", Normalization.RANK);
    }
  }

  /** MUCS + D-TRAK, z-score-averaged. */
  public static final class ZScore extends ScoreEnsemble {
    public ZScore() {
      super("ensemble-zscore", "mucs,dtrak", Normalization.ZSCORE);
    }
  }

  /**
   * The two gradient methods the papers report best, D-TRAK (sail-sg/D-TRAK: best LDS of its
   * comparison) and DAS (its paper reports LDS above D-TRAK), rank-averaged. Chosen from the papers,
   * never from this benchmark's evaluation results.
   */
  public static final class GradientRank extends ScoreEnsemble {
    public GradientRank() {
      super("ensemble-grad-rank", "dtrak,das", Normalization.RANK);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return "per-target " + (norm == Normalization.RANK ? "rank" : "z-score") + " average of other methods' scores ("
        + name + ".members=" + defaultMembers + ")";
  }

  @Override
  public String version() {
    return "2";
  }

  public Normalization normalization() {
    return norm;
  }

  @Override
  public MethodOptions.Schema options() {
    return new MethodOptions.Schema()
        .add("members", defaultMembers, "comma-separated constituent methods")
        .add("weights", "", "comma-separated weights, one per member (default: equal)");
  }

  @Override
  public EnsembleMode ensembleMode() {
    return EnsembleMode.WHOLE_ENSEMBLE;
  }

  @Override
  public List<String> requiredMethods(MethodOptions options) {
    return members(options);
  }

  /** Unavailable when a member is not installed. */
  @Override
  public Optional<String> unavailableReason(AttributionTask task) {
    List<String> installed = Methods.installed().stream().map(AttributionMethod::name).toList();
    for (String m : task.options().getString("members").split(",")) {
      String n = m.trim();
      if (!n.isEmpty() && !installed.contains(n)) {
        return Optional.of("member '" + n + "' is not installed (installed: " + String.join(", ", installed) + ")");
      }
    }
    return Optional.empty();
  }

  @Override
  public void checkOptions(MethodOptions o) {
    weights(o, members(o).size());
  }

  private List<String> members(MethodOptions o) {
    List<String> members = Arrays.stream(o.getString("members").split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
    if (members.size() < 2) {
      throw o.bad("members", "at least two methods");
    }
    for (String m : members) {
      if (m.equals(name()) || m.startsWith("ensemble-")) {
        throw o.bad("members", "methods that are not score ensembles (an ensemble cannot contain itself)");
      }
    }
    return members;
  }

  @Override
  public Scores attribute(AttributionTask task) {
    MethodOptions o = task.options();
    List<String> members = members(o);
    double[] w = weights(o, members.size());
    int t = task.targets().size();
    int n = task.train().size();
    List<Scores> parts = new ArrayList<>();
    for (String m : members) {
      Scores s = task.resources().scoresOf(m);
      if (s.targets() != t || s.train() != n) {
        throw new UserError("ensemble member " + m + " scored " + s.targets() + " x " + s.train()
            + ", not this task's " + t + " x " + n);
      }
      parts.add(s);
    }
    // Timed from here: the members' work is theirs, counted once through their recorded costs.
    long t0 = System.nanoTime();
    float[] out = new float[t * n];
    double[] combine = new double[t];
    for (int p = 0; p < t; p++) {
      long tp = System.nanoTime();
      for (int k = 0; k < parts.size(); k++) {
        double[] row = normalise(parts.get(k).row(p), norm);
        for (int i = 0; i < n; i++) {
          out[p * n + i] += (float) (w[k] * row[i]);
        }
      }
      combine[p] = (System.nanoTime() - tp) / 1e9;
    }
    double combination = (System.nanoTime() - t0) / 1e9;
    double shared = 0;
    double[] perTarget = combine.clone();
    Map<String, Object> memberCost = new LinkedHashMap<>();
    for (int k = 0; k < parts.size(); k++) {
      Scores s = parts.get(k);
      shared += s.sharedSeconds();
      for (int p = 0; p < t; p++) {
        perTarget[p] += s.perTargetSeconds()[p];
      }
      memberCost.put(members.get(k), s.amortisedSecondsPerTarget());
    }
    Map<String, Object> md = new LinkedHashMap<>();
    md.put("members", members);
    md.put("weights", Arrays.stream(w).boxed().toList());
    md.put("normalization", norm.name().toLowerCase(java.util.Locale.ROOT));
    md.put("combination_seconds", combination);
    md.put("member_seconds_per_target", memberCost);
    md.put("cost", "the members' recorded costs plus the combination (members run as their own jobs first)");
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
  static double[] normalise(float[] row, Normalization norm) {
    int n = row.length;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = row[i];
    }
    if (norm == Normalization.RANK) {
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
