package org.tdabench.benchmark.compare;

import java.util.Locale;

/**
 * A leaderboard cell that moved outside its tolerance.
 *
 * @param file the leaderboard file name
 * @param method the row
 * @param column the column
 * @param baseline the baseline's cell text
 * @param run the run's cell text
 * @param tolerance the allowed absolute difference (0 for exact comparisons)
 * @param rule how the tolerance was set ("interval", "exact: deterministic run", "exact: count")
 */
public record CellChange(String file, String method, String column, String baseline, String run, double tolerance,
    String rule) {

  /** One line for people: where, from what to what, and the rule it broke. */
  public String describe() {
    String b = baseline.isEmpty() ? "(empty)" : baseline;
    String r = run.isEmpty() ? "(empty)" : run;
    String tol = rule.startsWith("exact") ? rule : String.format(Locale.ROOT, "%s, tolerance %.6f", rule, tolerance);
    return file + ": " + method + " " + column + " " + b + " -> " + r + " (" + tol + ")";
  }
}
