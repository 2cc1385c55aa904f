package org.tdabench.methods.api;

import java.nio.file.Path;
import org.tdabench.core.SeedTree;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.ModelWeights;

/**
 * Everything a method sees: the attributed model (spec and EMA weights), the training set, the
 * targets, this method's options and seed sub-tree, the thread budget, lazily provided resources,
 * progress, and a scratch folder.
 *
 * @param spec the model's architecture, EDM and sampler settings
 * @param weights the attributed model's EMA weights
 * @param train the training set (score columns follow its row order)
 * @param targets the images to attribute (score rows)
 * @param options this method's option values
 * @param seeds this method's seed tree ({@code method/<name>} below the run's root)
 * @param threads TensorFlow intra-op threads to use
 * @param resources checkpoints, subset models and a cache, from the harness
 * @param progress progress sink
 * @param scratch a folder the method may use (deleted after the run)
 */
public record AttributionTask(
    ModelSpec spec,
    ModelWeights weights,
    ImageSet train,
    Targets targets,
    MethodOptions options,
    SeedTree seeds,
    int threads,
    TaskResources resources,
    ProgressSink progress,
    Path scratch) {

  /** A new model session holding the attributed weights (the caller closes it). */
  public DitEdmModel openModel() {
    return DitEdmModel.of(spec, weights, threads);
  }

  /** A new model session holding other weights of the same architecture. */
  public DitEdmModel openModel(ModelWeights w) {
    return DitEdmModel.of(spec, w, threads);
  }
}
