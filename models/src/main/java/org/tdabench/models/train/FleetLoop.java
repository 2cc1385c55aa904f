package org.tdabench.models.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    float[] stepSize = new float[models];
    float[] decay = new float[models];
    float[] sqrtBc2 = new float[models];
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
        double lr = r.lr();
        long t = r.step + 1;
        stepSize[f] = (float) (lr / (1 - StrictMath.pow(cfg.beta1(), t)));
        sqrtBc2[f] = (float) StrictMath.sqrt(1 - StrictMath.pow(cfg.beta2(), t));
        decay[f] = (float) (1 - lr * cfg.weightDecay());
      }
      FleetGraph.StepResult res = g.step(new FleetGraph.StepFeed(xb, yb, flags, seeds, stepSize, decay, sqrtBc2,
          active));
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
    Map<String, float[]> p = new LinkedHashMap<>();
    Map<String, float[]> e = new LinkedHashMap<>();
    Map<String, float[]> m = new LinkedHashMap<>();
    Map<String, float[]> v = new LinkedHashMap<>();
    for (int f = 0; f < models; f++) {
      MemberRun r = runs.get(f);
      MemberCheckpoint.State s = MemberCheckpoint.exists(r.member.checkpoint())
          ? MemberCheckpoint.restore(r.member.checkpoint(), r, g.table)
          : FleetTrainer.initialState(r);
      Stacks.put(p, f, models, s.params());
      Stacks.put(e, f, models, s.ema());
      Stacks.put(m, f, models, s.m());
      Stacks.put(v, f, models, s.v());
    }
    g.params.write(g.session, p);
    g.ema.write(g.session, e);
    g.m.write(g.session, m);
    g.v.write(g.session, v);
  }

  private void closeEpochs(List<Integer> closing) {
    double[] vloss = FleetValidation.losses(g, runs, closing);
    Stacked stacked = new Stacked();
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
      r.closeEpoch(vloss[f], () -> new ModelWeights(Stacks.slice(stacked.ema(), f, models)), now - r.epochStarted);
      r.epochStarted = now;
      if (tracinEvery > 0 && (e + 1) % tracinEvery == 0) {
        r.tracin.add(new TrainResult.TracInCheckpoint(e, step, lr,
            new ModelWeights(Stacks.slice(stacked.params(), f, models)), r.lastSigma.clone()));
      }
      if (r.member.checkpoint() != null) {
        MemberCheckpoint.save(r.member.checkpoint(), r, new MemberCheckpoint.State(
            Stacks.slice(stacked.params(), f, models), Stacks.slice(stacked.ema(), f, models),
            Stacks.slice(stacked.m(), f, models), Stacks.slice(stacked.v(), f, models)));
      }
    }
  }

  /** The stacked variables, each read from the session at most once per validation round. */
  private final class Stacked {
    private Map<String, float[]> params;
    private Map<String, float[]> ema;
    private Map<String, float[]> m;
    private Map<String, float[]> v;

    Map<String, float[]> params() {
      return params != null ? params : (params = g.params.read(g.session));
    }

    Map<String, float[]> ema() {
      return ema != null ? ema : (ema = g.ema.read(g.session));
    }

    Map<String, float[]> m() {
      return m != null ? m : (m = g.m.read(g.session));
    }

    Map<String, float[]> v() {
      return v != null ? v : (v = g.v.read(g.session));
    }
  }
}
