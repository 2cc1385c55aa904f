package org.tdabench.benchmark.run;

import org.tdabench.core.UserError;
import org.tdabench.models.config.ModelPreset;

/**
 * Sizes a preset cannot have on a dataset, refused before any work: more targets and controls than
 * test images, more self-retrieval targets than training images, subsets or retraining sets smaller
 * than a training batch.
 */
final class RunSizes {
  private RunSizes() {}

  static void check(BenchmarkPreset p, ModelPreset model, int train, int test, String dataset) {
    int batch = model.train().batchSize();
    int wanted = Math.max(p.genTargets(), p.ablationTargets()) + p.controls() + p.valTargets();
    if (wanted > test) {
      throw new UserError("preset " + p.name() + " needs " + wanted + " test images (" + p.genTargets() + " targets, "
          + p.controls() + " controls, " + p.valTargets() + " held-out) but " + dataset + " gives " + test
          + ": use a larger dataset or fewer classes, or another preset");
    }
    if (p.selfTargets() > train) {
      throw new UserError("preset " + p.name() + " needs " + p.selfTargets() + " training images as self-retrieval "
          + "targets but the training set has " + train + ": raise --train-size");
    }
    int subset = (int) Math.floor(p.alpha() * train);
    if (subset < batch) {
      throw new UserError("LDS subsets of " + subset + " images (alpha " + p.alpha() + " of " + train + ") are "
          + "smaller than a training batch of " + batch + ": raise --train-size to at least "
          + (int) Math.ceil(batch / p.alpha()));
    }
  }
}
