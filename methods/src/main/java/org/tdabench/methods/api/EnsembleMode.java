package org.tdabench.methods.api;

/**
 * How a method attributes a generator that is the mean of member models (an encoded ensemble: at
 * every sampler step the denoiser is the mean of the members' outputs).
 */
public enum EnsembleMode {
  /**
   * The scores do not depend on the model (random, pixel and condition similarity, features of a
   * fixed backbone): the method runs once on the ensemble's targets.
   */
  MODEL_FREE,
  /**
   * Each member is attributed as a model of its own (its weights, training checkpoints and cache)
   * and the members' score matrices are averaged: the model ensembles of TRAK and D-TRAK
   * (sail-sg/D-TRAK methods/06_ensemble averages the scores of models trained on alpha = 0.5
   * subsets, exactly what encoded-ensemble members are) and, for unlearning methods, unlearning
   * the target from every member.
   */
  PER_MEMBER,
  /**
   * The method reads the whole ensemble ({@link TaskResources#encodedEnsemble()}) or combines other
   * methods' scores on the same task ({@link TaskResources#scoresOf}); it runs once.
   */
  WHOLE_ENSEMBLE
}
