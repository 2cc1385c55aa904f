package org.tdabench.benchmark.ablation;

import org.tdabench.benchmark.stats.Estimate;

/**
 * The within-model contrast of one metric, the ablation's headline: inside one retrained model,
 * P(a control changed less than a target), ties 1/2. The retraining's luck moves targets and controls
 * together and cancels here; 0.5 = the removal hit its targets no harder than unrelated images.
 *
 * @param metric metric id
 * @param method the method's own retraining, over seeds
 * @param matchedRandom the same inside its size-matched random retraining (about 0.5)
 * @param vsRandom the paired per-seed difference method - matched random, over seeds
 */
public record Specificity(String metric, Estimate method, Estimate matchedRandom, Estimate vsRandom) {}
