package org.tdabench.benchmark.export;

import java.util.List;
import java.util.Map;
import org.tdabench.benchmark.ablation.RemovalSet;
import org.tdabench.benchmark.ablation.Similarities;
import org.tdabench.benchmark.lds.SubsetMasks;

/**
 * A finished run's LDS and ablation ingredients, everything needed to recompute every leaderboard
 * number without tdabench.
 *
 * @param masks subset family ("eval", "tune") -> M x N membership
 * @param groundTruth family -> split ("gen", "val") -> M x T ground-truth losses (mean over seeds)
 * @param scores method -> split -> T x N score matrix (higher = more influential)
 * @param topK method -> per-target top-k training ids, most influential first
 * @param removals method -> the union its ablation removed
 * @param metrics ablation metric names, in column order
 * @param similarities method -> per-image before/after metric values
 */
public record ExportBundle(
    Map<String, SubsetMasks> masks,
    Map<String, Map<String, double[][]>> groundTruth,
    Map<String, Map<String, float[][]>> scores,
    Map<String, List<int[]>> topK,
    Map<String, RemovalSet> removals,
    List<String> metrics,
    Map<String, Similarities> similarities) {}
