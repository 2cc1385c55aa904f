package org.tdabench.benchmark.ablation;

import java.util.List;

/**
 * One method's ablation on one seed: the similarities of its targets and controls after its removal,
 * the same after a random removal of as many training images (its size-matched reference, retrained
 * from the same seed), its per-target top-k lists and their union.
 */
public record SeedInput(Similarities method, Similarities matchedRandom, List<int[]> topK, RemovalSet removal) {}
