package org.tdabench.benchmark.run;

/**
 * Constants of the leaderboard's verdicts: what a paired 95 % interval against random lets one say.
 * "beats random": the interval lies above 0; "worse than random": below 0; "no effect above X": it
 * contains 0 but excludes any gain of X or more (a meaningful effect at this scale); "not
 * separated": the experiment cannot tell.
 */
final class Verdicts {
  /** The smallest LDS gain over random called meaningful (the issue tracker's 0.10 / 0.15 scale). */
  static final double MEANINGFUL = 0.10;

  private Verdicts() {}
}
