package org.tdabench.benchmark.compare;

import java.util.Set;

/**
 * How {@code compare} treats a leaderboard column, derived from the naming conventions of
 * {@link org.tdabench.benchmark.report.LeaderboardCsv}.
 */
enum ColumnKind {
  /** "method": identifies the row. */
  KEY,
  /** X with X_lo and X_hi beside it: compared within a tolerance derived from the intervals. */
  SCORE,
  /** X_lo / X_hi of a score: supply the tolerance, not compared themselves. */
  BOUND,
  /** "n_*" and "recall_k": the experiment's size; must match exactly or the runs are not comparable. */
  COUNT,
  /**
   * A derived number without an interval (union size, optimistic LDS): exact under the exact rule,
   * within its measured spread under the statistical rule.
   */
  EXACT_IF_DETERMINISTIC,
  /** "deterministic" and "fingerprint": select the rule, never compared themselves. */
  MODE,
  /** "protocol": what the row measures; must match exactly under every rule. */
  PROTOCOL,
  /**
   * Timings, recipe hashes, verdicts (words derived from compared numbers) and the chosen
   * hyper-parameter: reported, never failing.
   */
  INFO;

  static ColumnKind of(String column, Set<String> header) {
    if (column.equals("method")) {
      return KEY;
    }
    if (column.equals("deterministic") || column.equals("fingerprint")) {
      return MODE;
    }
    if (column.equals("protocol")) {
      return PROTOCOL;
    }
    if (header.contains(column + "_lo") && header.contains(column + "_hi")) {
      return SCORE;
    }
    for (String suffix : new String[] {"_lo", "_hi"}) {
      if (column.endsWith(suffix) && header.contains(column.substring(0, column.length() - 3))) {
        return BOUND;
      }
    }
    if (column.startsWith("n_") || column.equals("recall_k")) {
      return COUNT;
    }
    if (column.startsWith("hash_") || column.contains("seconds") || column.endsWith("_verdict")
        || column.equals("hyperparameter")) {
      return INFO;
    }
    return EXACT_IF_DETERMINISTIC;
  }
}
