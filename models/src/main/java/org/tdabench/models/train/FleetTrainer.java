package org.tdabench.models.train;

import java.util.ArrayList;
import java.util.List;
import org.tdabench.core.UserError;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.config.TrainConfig;

/**
 * Trains F models of one architecture and training config together in one {@link FleetGraph}, each
 * exactly as the reference trains one model (lib/trainer_module.py): AdamW, warmctt schedule stepped
 * per epoch of {@code stepsPerEpoch} steps, EMA after every step, validation of the EMA model on a
 * deterministic noise set after every epoch, early stopping on it, and the best epoch's EMA weights
 * as the result. Every model keeps its own data, seed path, schedule position and stopping state:
 * a model that stops early (or diverges) is masked out of the update while the others go on, and a
 * diverged model fails alone, its message naming it.
 *
 * <p>The graph is built so that a model's bits do not depend on its fleet (size, position, other
 * members), and on the tiny preset they do not (FleetTrainerTest). On the small preset that holds
 * for fleets of 2 (30 steps) but not of 4: a member's EMA weights differ from its solo run after 3
 * steps, in the last bits at first. The kernel is not located: checked alone, Tanh, Exp, Sigmoid,
 * Rsqrt, inner-axis means and Softmax at the attention's shape give a row the same bits in a tensor
 * of any size (a generic Softmax over [515, 96] does not); the per-copy gathers' gradients and the
 * sequential batched product are the next suspects. Runs therefore train one model per job,
 * a fleet of one through this same graph, which is what {@link Trainer} runs. The layout
 * (batched products over a model axis, shifted-product convolutions) therefore defines the trained weights,
 * and {@link #LAYOUT} is part of every checkpoint fingerprint and training recipe.
 */
public final class FleetTrainer {
  /** Version of the training graph's layout; changing it changes the trained bits. */
  public static final String LAYOUT = "fleet-3";

  private final ModelSpec spec;
  private final TrainConfig cfg;
  private final int threads;
  private int tracinEvery;
  private int valBatch = 64;
  private long memoryBudget;

  public FleetTrainer(ModelSpec spec, TrainConfig cfg, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1");
    }
    this.spec = spec;
    this.cfg = cfg;
    this.threads = threads;
  }

  /** Keeps raw weights and per-row training sigmas every {@code epochs} epochs (0 = never). */
  public FleetTrainer withTracInEvery(int epochs) {
    this.tracinEvery = epochs;
    return this;
  }

  /** Validation images per model per call (capped by the config's validation limit). */
  public FleetTrainer withValidationBatch(int b) {
    if (b < 1) {
      throw new IllegalArgumentException("validation batch must be >= 1");
    }
    this.valBatch = b;
    return this;
  }

  /** Splits the members into fleets whose estimated memory fits {@code bytes} (0 = no limit). */
  public FleetTrainer withMemoryBudget(long bytes) {
    this.memoryBudget = bytes;
    return this;
  }

  /** The validation batch per model: a function of the config alone, so alone and fleet agree. */
  public int validationBatch() {
    return cfg.validationLimit() > 0 ? Math.min(valBatch, cfg.validationLimit()) : valBatch;
  }

  /** The layout tag recorded in checkpoints: layout version, threads and validation batch. */
  String layoutTag() {
    return LAYOUT + "|threads=" + threads + "|valBatch=" + validationBatch();
  }

  /**
   * Trains every member; returns one outcome per member, in order. Members that cannot start (bad
   * input) or diverge fail alone; an exception thrown by a listener aborts the whole call (work
   * checkpoints keep what was done).
   */
  public List<FleetOutcome> train(List<FleetMember> members) {
    int max = memoryBudget > 0 ? FleetMemory.maxModels(spec, cfg, validationBatch(), memoryBudget) : members.size();
    List<FleetOutcome> out = new ArrayList<>();
    int from = 0;
    for (int size : FleetMemory.split(members.size(), max)) {
      out.addAll(trainFleet(members.subList(from, from + size)));
      from += size;
    }
    return out;
  }

  private List<FleetOutcome> trainFleet(List<FleetMember> members) {
    long started = System.nanoTime();
    FleetOutcome[] outcomes = new FleetOutcome[members.size()];
    List<MemberRun> runs = new ArrayList<>();
    List<Integer> slots = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      try {
        runs.add(new MemberRun(members.get(i), spec, cfg, layoutTag()));
        slots.add(i);
      } catch (UserError e) {
        outcomes[i] = new FleetOutcome(members.get(i).label(), null, e);
      }
    }
    if (!runs.isEmpty()) {
      FleetLoop loop = new FleetLoop(FleetGraphs.acquire(spec, cfg, threads, runs.size(), validationBatch()),
          runs, tracinEvery);
      loop.run();
      double share = (System.nanoTime() - started) / 1e9 / runs.size();
      for (int k = 0; k < runs.size(); k++) {
        MemberRun r = runs.get(k);
        outcomes[slots.get(k)] = r.failure != null ? new FleetOutcome(r.member.label(), null, r.failure)
            : new FleetOutcome(r.member.label(), r.result(share), null);
      }
    }
    return List.of(outcomes);
  }
}
