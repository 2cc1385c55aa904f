package org.tdabench.methods.api;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.config.TrainConfig;
import org.tdabench.models.ensemble.EncodedEnsemble;
import org.tdabench.models.train.TrainResult;

/**
 * What the harness can provide a method beyond the model and the data, produced lazily and cached
 * in the artifact store (so the first method that asks pays, and reruns reuse).
 */
public interface TaskResources {
  /** The training configuration of the attributed model (e.g. MUCS unlearns at lr / 10). */
  TrainConfig trainConfig();

  /**
   * Training checkpoints of the attributed model's run (raw weights, learning rate and each
   * sample's last training sigma), every {@code everyEpochs} epochs — for TracIn-style methods.
   */
  List<TrainResult.TracInCheckpoint> trainingCheckpoints();

  /**
   * {@code m} models trained on alpha = 0.5 subsets of the training set (the D-TRAK ensemble), their
   * EMA weights, each with the rows it was trained on.
   */
  List<SubsetModel> subsetModels(int m);

  /** A model trained on a subset: its weights and the training-set rows it saw. */
  record SubsetModel(ModelWeights weights, int[] rows) {}

  /**
   * The scores another method computed on this same task (run first if needed): score ensembles
   * combine them without recomputing.
   */
  Scores scoresOf(String method);

  /**
   * The encoded ensemble being attributed, when the task's generator is one (the ensemble track):
   * its codes and every member's weights. Empty for a single model.
   */
  default Optional<EncodedEnsemble> encodedEnsemble() {
    return Optional.empty();
  }

  /**
   * Caches a float array computed once per recipe (e.g. AbU's Fisher, MUCS's original losses):
   * returns the stored array if {@code key} was computed before, else computes and stores it.
   * The key must name everything the array depends on beyond the task itself.
   */
  float[] cached(String key, Supplier<float[]> compute);
}
