package org.tdabench.models.train;

import java.nio.file.Path;
import java.util.List;
import org.tdabench.core.SeedTree;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.config.TrainConfig;

/**
 * Trains a DiT-EDM model as the reference does (lib/trainer_module.py): AdamW, warmctt schedule
 * stepped per epoch of {@code stepsPerEpoch} steps, EMA after every step, validation of the EMA
 * model on a deterministic noise set after every epoch, early stopping on it, and the best epoch's
 * EMA weights as the result.
 *
 * <p>Every random draw is a function of the seed tree and the step: data order (a fresh
 * permutation per pass, restarted at each epoch with drop-last, as a new DataLoader iterator),
 * augmentation, sigmas, noise, dropout, condition dropout. A run resumed from its checkpoint
 * therefore continues bit-identically.
 *
 * <p>One model is trained as a fleet of one ({@link FleetTrainer}); on the tiny preset it is
 * bit-identical to the same model trained in any fleet, on the small preset only in small fleets
 * (see FleetTrainer).
 */
public final class Trainer {
  private final ModelSpec spec;
  private final TrainConfig cfg;
  private final int threads;
  private Path checkpointFile;
  private int tracinEvery;
  private TrainingListener listener = TrainingListener.NONE;
  private int valBatch = 64;

  public Trainer(ModelSpec spec, TrainConfig cfg, int threads) {
    this.spec = spec;
    this.cfg = cfg;
    this.threads = threads;
  }

  /** Saves the full state after every epoch to {@code file}, and resumes from it if present. */
  public Trainer withCheckpoint(Path file) {
    this.checkpointFile = file;
    return this;
  }

  /** Keeps raw weights and per-row training sigmas every {@code epochs} epochs (0 = never). */
  public Trainer withTracInEvery(int epochs) {
    this.tracinEvery = epochs;
    return this;
  }

  public Trainer withListener(TrainingListener l) {
    this.listener = l;
    return this;
  }

  public Trainer withValidationBatch(int b) {
    this.valBatch = b;
    return this;
  }

  public TrainResult train(TrainingData train, TrainingData validation, SeedTree seeds) {
    String label = seeds.path().isEmpty() ? "the model" : "model " + seeds.path();
    FleetMember m = new FleetMember(label, train, validation, seeds, checkpointFile, listener);
    FleetTrainer fleet = new FleetTrainer(spec, cfg, threads).withTracInEvery(tracinEvery).withValidationBatch(valBatch);
    return fleet.train(List.of(m)).get(0).orThrow();
  }
}
