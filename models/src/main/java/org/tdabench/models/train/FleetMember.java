package org.tdabench.models.train;

import java.nio.file.Path;
import java.util.Objects;
import org.tdabench.core.SeedTree;

/**
 * One model of a fleet: what it trains on and the seed path of every draw it makes, exactly as it
 * would be trained alone.
 *
 * @param label names the model in messages (e.g. its recipe)
 * @param train its training items
 * @param validation its validation items (the first {@code validationLimit} are used)
 * @param seeds its seed path (init, data order, augmentation, noise, validation noise)
 * @param checkpoint its work checkpoint: saved after every epoch and resumed from when present
 *     (null: none)
 * @param listener its progress callbacks
 */
public record FleetMember(String label, TrainingData train, TrainingData validation, SeedTree seeds,
    Path checkpoint, TrainingListener listener) {
  public FleetMember {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(seeds, "seeds");
    listener = listener == null ? TrainingListener.NONE : listener;
  }

  /** A member without checkpoint or listener. */
  public FleetMember(String label, TrainingData train, TrainingData validation, SeedTree seeds) {
    this(label, train, validation, seeds, null, TrainingListener.NONE);
  }

  public FleetMember withCheckpoint(Path file) {
    return new FleetMember(label, train, validation, seeds, file, listener);
  }

  public FleetMember withListener(TrainingListener l) {
    return new FleetMember(label, train, validation, seeds, checkpoint, l);
  }
}
