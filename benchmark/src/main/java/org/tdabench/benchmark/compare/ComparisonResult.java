package org.tdabench.benchmark.compare;

import java.util.List;

/**
 * The outcome of comparing a run's leaderboards with a baseline.
 *
 * @param moved cells outside their tolerance; empty when the run passes
 * @param notes informational differences (changed recipe hashes, summarised with their cause)
 * @param rules per leaderboard file, the rule used and why
 * @param cellsCompared how many cells were checked
 * @param files how many leaderboard files were compared
 */
public record ComparisonResult(List<CellChange> moved, List<String> notes, List<String> rules, int cellsCompared,
    int files) {

  public boolean passed() {
    return moved.isEmpty();
  }
}
