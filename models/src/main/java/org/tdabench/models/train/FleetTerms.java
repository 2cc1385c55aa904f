package org.tdabench.models.train;

import org.tdabench.models.config.TrainConfig;

/**
 * The per-model AdamW terms of one step, computed on the host in double precision (so no
 * transcendental op sees a vector whose length depends on the fleet size): learning rate, learning
 * rate x weight decay, b1^t, b2^t and eps' = eps sqrt(1 - b2^t) (see {@link FleetUpdate}).
 */
final class FleetTerms {
  final float[] lr;
  final float[] lrDecay;
  final float[] beta1Power;
  final float[] beta2Power;
  final float[] epsHat;
  private final TrainConfig cfg;

  FleetTerms(int models, TrainConfig cfg) {
    this.cfg = cfg;
    lr = new float[models];
    lrDecay = new float[models];
    beta1Power = new float[models];
    beta2Power = new float[models];
    epsHat = new float[models];
  }

  /** Model {@code f}'s terms for its step {@code t} (1-based) at learning rate {@code rate}. */
  void set(int f, double rate, long t) {
    double b2t = StrictMath.pow(cfg.beta2(), t);
    lr[f] = (float) rate;
    lrDecay[f] = (float) (rate * cfg.weightDecay());
    beta1Power[f] = (float) StrictMath.pow(cfg.beta1(), t);
    beta2Power[f] = (float) b2t;
    epsHat[f] = (float) (cfg.adamEps() * StrictMath.sqrt(1 - b2t));
  }
}
