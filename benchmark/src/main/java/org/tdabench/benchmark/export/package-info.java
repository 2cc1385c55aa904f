/**
 * Export of a finished run's LDS and ablation ingredients as NumPy .npy files and CSVs with a README
 * of shapes, so every leaderboard number can be recomputed without tdabench.
 */
package org.tdabench.benchmark.export;
