package org.tdabench.models.train;

import java.util.ArrayList;
import java.util.List;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.config.TrainConfig;

/**
 * The step loop of one fleet: every active model takes its next step in one graph run; models that
 * finish an epoch are validated together and closed; a model stops (or fails) alone, masked out of
 * the update, until no model is active.
 */
final class FleetLoop {
  private final FleetGraph g;
  private final List<MemberRun> runs;
  private final TrainConfig cfg;
  private final int tracinEvery;
  private final int models;
  private final int batch;

  FleetLoop(FleetGraph g, List<MemberRun> runs, int tracinEvery) {
    this.g = g;
    this.runs = runs;
    this.cfg = runs.get(0).cfg;
    this.tracinEvery = tracinEvery;
    this.models = runs.size();
    this.batch = cfg.batchSize();
    if (g.models != models || g.batch != batch) {
      throw new IllegalArgumentException("graph of " + g.models + " x " + g.batch + " for " + models + " models");
    }
  }

  void run() {
    start();
    int d = g.spec.imageSize();
    int cd = Math.max(g.spec.condDim(), 1);
    float[] xb = new float[models * batch * d];
    float[] yb = new float[models * batch * cd];
    int[] flags = new int[models * batch];
    long[] seeds = new long[models * 2];
    FleetTerms terms = new FleetTerms(models, cfg);
    boolean[] active = new boolean[models];
    long now = System.nanoTime();
    for (MemberRun r : runs) {
      r.epochStarted = now;
    }
    while (runs.stream().anyMatch(MemberRun::active)) {
      for (int f = 0; f < models; f++) {
        MemberRun r = runs.get(f);
        active[f] = r.active();
        if (!active[f]) {
          continue;
        }
        r.fill(xb, yb, flags, f * batch);
        long[] s = r.noiseSeed();
        seeds[2 * f] = s[0];
        seeds[2 * f + 1] = s[1];
        terms.set(f, r.lr(), r.step + 1);
      }
      FleetGraph.StepResult res = g.step(new FleetGraph.StepFeed(xb, yb, flags, seeds, terms.lr, terms.lrDecay,
          terms.beta1Power, terms.beta2Power, terms.epsHat, active));
      List<Integer> closing = new ArrayList<>();
      for (int f = 0; f < models; f++) {
        if (!active[f]) {
          continue;
        }
        MemberRun r = runs.get(f);
        float loss = res.losses()[f];
        if (!Float.isFinite(loss)) {
          r.diverged();
          continue;
        }
        r.stepDone(loss, res.sigmas(), f * batch);
        if (r.epochDone()) {
          closing.add(f);
        }
      }
      if (!closing.isEmpty()) {
        closeEpochs(closing);
      }
    }
  }

  /** Writes every model's starting state: restored from its checkpoint, or fresh. */
  private void start() {
    for (int f = 0; f < models; f++) {
      MemberRun r = runs.get(f);
      if (MemberCheckpoint.exists(r.member.checkpoint())) {
        MemberCheckpoint.State s = MemberCheckpoint.restore(r.member.checkpoint(), r, g.table);
        g.params.write(g.session, f, s.params());
        g.ema.write(g.session, f, s.ema());
        g.m.write(g.session, f, s.m());
        g.v.write(g.session, f, s.v());
      } else {
        g.start(f, ModelWeights.initial(g.table, r.member.seeds().child("model")).tensors());
      }
    }
  }

  private void closeEpochs(List<Integer> closing) {
    double[] vloss = FleetValidation.losses(g, runs, closing);
    long now = System.nanoTime();
    for (int f : closing) {
      MemberRun r = runs.get(f);
      if (!Double.isFinite(vloss[f])) {
        r.diverged();
        continue;
      }
      int e = r.epoch;
      long step = r.step;
      double lr = r.lr();
      r.closeEpoch(vloss[f], () -> new ModelWeights(g.ema.read(g.session, f)), now - r.epochStarted);
      r.epochStarted = now;
      if (tracinEvery > 0 && (e + 1) % tracinEvery == 0) {
        r.tracin.add(new TrainResult.TracInCheckpoint(e, step, lr,
            new ModelWeights(g.params.read(g.session, f)), r.lastSigma.clone()));
      }
      if (r.member.checkpoint() != null) {
        MemberCheckpoint.save(r.member.checkpoint(), r, new MemberCheckpoint.State(g.params.read(g.session, f),
            g.ema.read(g.session, f), g.m.read(g.session, f), g.v.read(g.session, f)));
      }
    }
  }
}
