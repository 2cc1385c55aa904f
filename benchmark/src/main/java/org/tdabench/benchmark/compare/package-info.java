/**
 * Regression checks of a run's leaderboards against a committed baseline, with tolerances derived
 * from the intervals (exact for deterministic runs).
 */
package org.tdabench.benchmark.compare;
