package org.tdabench.models.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;
import org.tdabench.core.Hashing;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.config.TrainConfig;

/**
 * One model's progress in a fleet: its counters, history and best EMA, and the host side of its
 * steps. Every draw is a function of the member's seed path and its own step: data order (a fresh
 * permutation per pass, restarted at each epoch with drop-last, as a new DataLoader iterator),
 * augmentation, the seed of its sigmas, noise and dropout. A model therefore trains the same in any
 * fleet, and a run resumed from its checkpoint continues bit-identically.
 */
final class MemberRun {
  final FleetMember member;
  final ModelSpec spec;
  final TrainConfig cfg;
  final int n;
  final ValidationSet val;
  final String fingerprint;
  private final Augmentation augment;
  int epoch;
  long step;
  int stepInEpoch;
  double lossSum;
  int bestEpoch = -1;
  double bestLoss = Double.POSITIVE_INFINITY;
  ModelWeights bestEma;
  final float[] lastSigma;
  final List<TrainResult.EpochLog> history = new ArrayList<>();
  final List<TrainResult.TracInCheckpoint> tracin = new ArrayList<>();
  String stopReason;
  RuntimeException failure;
  long epochStarted;
  private int[] order;
  private int orderEpoch = -1;
  private int orderPass = -1;

  MemberRun(FleetMember member, ModelSpec spec, TrainConfig cfg, String layout) {
    this.member = member;
    this.spec = spec;
    this.cfg = cfg;
    this.n = member.train().size();
    if (n < cfg.batchSize()) {
      throw new org.tdabench.core.UserError("the training set of " + member.label() + " has " + n
          + " images, fewer than the batch size " + cfg.batchSize() + "; use a smaller batch or more data");
    }
    if (member.validation().size() == 0) {
      throw new org.tdabench.core.UserError("the validation set of " + member.label() + " is empty");
    }
    this.val = new ValidationSet(spec, member.validation(), cfg.validationLimit(), member.seeds().child("val"));
    this.augment = new Augmentation(cfg.augmentProb());
    this.lastSigma = new float[n];
    Arrays.fill(lastSigma, Float.NaN);
    this.fingerprint = fingerprint(layout);
  }

  /** Still taking steps (not stopped, not failed). */
  boolean active() {
    return stopReason == null && failure == null;
  }

  /** This epoch's learning rate. */
  double lr() {
    return cfg.lr() * cfg.lrFactor(epoch);
  }

  /** Loads this step's B rows (ordered, augmented) at row {@code row} of the fleet batch. */
  void fill(float[] xb, float[] yb, int[] flags, int row) {
    int b = cfg.batchSize();
    int d = spec.imageSize();
    int cd = spec.condDim();
    int batchesPerPass = n / b;
    int p = stepInEpoch / batchesPerPass;
    if (orderEpoch != epoch || orderPass != p) {
      order = member.seeds().child("order").child("epoch", epoch).child("pass", p).rng().permutation(n);
      orderEpoch = epoch;
      orderPass = p;
    }
    int off = (stepInEpoch % batchesPerPass) * b;
    CounterRng augRng = member.seeds().child("augment").child("step", step).rng();
    TrainingData train = member.train();
    // The data's per-access view (COCO: a random crop and caption) from the member's own seed path.
    SeedTree access = member.seeds().child("access").child("step", step);
    for (int i = 0; i < b; i++) {
      int r = order[off + i];
      train.trainingSample(r, access.child("slot", i).seed(), xb, (row + i) * d, cd > 0 ? yb : null, (row + i) * cd);
      flags[row + i] = augment.apply(xb, (row + i) * d, spec.arch().imageHeight(), spec.arch().imageWidth(),
          spec.arch().imageChannels(), augRng);
    }
  }

  /** The seed pair of this step's sigmas, noise and dropout. */
  long[] noiseSeed() {
    return member.seeds().child("noise").child("step", step).statelessPair();
  }

  /** Records a finished step: its loss and the sigmas its rows drew ({@code sigmas} from {@code from}). */
  void stepDone(float loss, float[] sigmas, int from) {
    int b = cfg.batchSize();
    int off = (stepInEpoch % (n / b)) * b;
    for (int i = 0; i < b; i++) {
      lastSigma[order[off + i]] = sigmas[from + i];
    }
    lossSum += loss;
    step++;
    stepInEpoch++;
    member.listener().onStep(step, cfg.maxSteps(), loss);
  }

  boolean epochDone() {
    return stepInEpoch == cfg.stepsPerEpoch();
  }

  /**
   * Closes the epoch with its validation loss: records it, keeps the best EMA, and decides whether
   * to stop. Returns whether this epoch was the best so far.
   */
  boolean closeEpoch(double vloss, java.util.function.Supplier<ModelWeights> ema, long nanos) {
    int e = epoch;
    double lr = lr();
    boolean best = vloss < bestLoss;
    if (best) {
      bestLoss = vloss;
      bestEpoch = e;
      bestEma = ema.get();
    }
    TrainResult.EpochLog log = new TrainResult.EpochLog(e, lossSum / cfg.stepsPerEpoch(), vloss, lr, nanos / 1e9);
    history.add(log);
    epoch++;
    stepInEpoch = 0;
    lossSum = 0;
    member.listener().onEpoch(log, best);
    if (e - bestEpoch >= cfg.patience()) {
      stopReason = "no improvement for " + cfg.patience() + " epochs";
    } else if (epoch >= cfg.maxEpochs()) {
      stopReason = "maximum epochs reached";
    }
    return best;
  }

  /** Marks the model failed: the loss was not finite at this step. */
  void diverged() {
    failure = new TrainingDivergedException(member.label(), step, epoch, lr());
  }

  TrainResult result(double seconds) {
    return new TrainResult(bestEma, bestEpoch, bestLoss, epoch, step, stopReason, List.copyOf(history),
        List.copyOf(tracin), seconds);
  }

  private String fingerprint(String layout) {
    StringBuilder sb = new StringBuilder();
    sb.append(spec).append('|').append(cfg).append('|').append(member.seeds()).append('|').append(layout);
    for (TrainingData t : List.of(member.train(), member.validation())) {
      sb.append('|').append(t.size());
      for (int i = 0; i < t.size(); i++) {
        sb.append(',').append(t.id(i));
      }
    }
    return Hashing.sha256Hex(sb.toString());
  }
}
