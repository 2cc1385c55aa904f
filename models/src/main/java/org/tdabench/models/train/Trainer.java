package org.tdabench.models.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.core.CounterRng;
import org.tdabench.core.Hashing;
import org.tdabench.core.SeedTree;
import org.tdabench.core.UserError;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.config.TrainConfig;
import org.tdabench.models.edm.Edm;
import org.tdabench.models.nn.DitEdmParams;
import org.tdabench.models.nn.ParamTable;

/**
 * Trains a DiT-EDM model as the reference does (lib/trainer_module.py): AdamW, warmctt schedule
 * stepped per epoch of {@code stepsPerEpoch} steps, EMA after every step, validation of the EMA
 * model on a deterministic noise set after every epoch, early stopping on it, and the best epoch's
 * EMA weights as the result.
 *
 * <p>Every random draw is a function of the seed tree and the step: data order (a fresh
 * permutation per pass, restarted at each epoch with drop-last, as a new DataLoader iterator), the
 * data's per-access view ({@link TrainingData#trainingSample}: COCO's random crop and caption),
 * augmentation, sigmas, noise, dropout, condition dropout. A run resumed from its checkpoint
 * therefore continues bit-identically.
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
    int b = cfg.batchSize();
    int n = train.size();
    if (n < b) {
      throw new UserError("the training set has " + n + " images, fewer than the batch size " + b
          + "; use a smaller batch or more data");
    }
    if (validation.size() == 0) {
      throw new UserError("the validation set is empty");
    }
    ParamTable table = DitEdmParams.of(spec.arch());
    String fingerprint = fingerprint(train, validation, seeds);
    int d = spec.imageSize();
    int cd = spec.condDim();
    Validation val = new Validation(validation, seeds.child("val"));
    Augmentation augment = new Augmentation(cfg.augmentProb());
    long started = System.nanoTime();
    TrainingGraph g = TrainingGraphs.acquire(spec, cfg, threads, Math.min(valBatch, val.n));
    {
      State st = new State(n);
      ModelWeights bestEma = null;
      if (checkpointFile != null && Files.exists(checkpointFile)) {
        bestEma = st.restore(Checkpoint.load(checkpointFile), g, fingerprint, table);
      } else {
        g.start(ModelWeights.initial(table, seeds.child("model")).tensors());
      }
      float[] xb = new float[b * d];
      float[] yb = new float[b * Math.max(cd, 1)];
      int[] flags = new int[b];
      int batchesPerPass = n / b;
      String stop = "maximum epochs reached";
      while (st.epoch < cfg.maxEpochs()) {
        long epochStart = System.nanoTime();
        int e = st.epoch;
        double lr = cfg.lr() * cfg.lrFactor(e);
        double lossSum = 0;
        int[] order = null;
        int pass = -1;
        for (int s = 0; s < cfg.stepsPerEpoch(); s++) {
          int p = s / batchesPerPass;
          if (p != pass) {
            pass = p;
            order = seeds.child("order").child("epoch", e).child("pass", p).rng().permutation(n);
          }
          int off = (s % batchesPerPass) * b;
          CounterRng augRng = seeds.child("augment").child("step", st.step).rng();
          SeedTree access = seeds.child("access").child("step", st.step);
          for (int i = 0; i < b; i++) {
            int row = order[off + i];
            train.trainingSample(row, access.child("slot", i).seed(), xb, i * d, cd > 0 ? yb : null, i * cd);
            flags[i] = augment.apply(xb, i * d, spec.arch().imageHeight(), spec.arch().imageWidth(),
                spec.arch().imageChannels(), augRng);
          }
          long[] seed = seeds.child("noise").child("step", st.step).statelessPair();
          TrainingGraph.StepResult r = g.step(xb, cd > 0 ? yb : null, flags, seed, lr, st.step + 1);
          if (!Double.isFinite(r.loss())) {
            throw new TrainingDivergedException(st.step, e, lr);
          }
          for (int i = 0; i < b; i++) {
            st.lastSigma[order[off + i]] = r.sigmas()[i];
          }
          lossSum += r.loss();
          st.step++;
          listener.onStep(st.step, cfg.maxSteps(), r.loss());
        }
        double vloss = val.loss(g);
        if (!Double.isFinite(vloss)) {
          throw new TrainingDivergedException(st.step, e, lr);
        }
        boolean best = vloss < st.bestLoss;
        if (best) {
          st.bestLoss = vloss;
          st.bestEpoch = e;
          bestEma = new ModelWeights(g.ema.read(g.session));
        }
        TrainResult.EpochLog log = new TrainResult.EpochLog(e, lossSum / cfg.stepsPerEpoch(), vloss, lr,
            (System.nanoTime() - epochStart) / 1e9);
        st.history.add(log);
        if (tracinEvery > 0 && (e + 1) % tracinEvery == 0) {
          st.tracin.add(new TrainResult.TracInCheckpoint(e, st.step, lr,
              new ModelWeights(g.params.read(g.session)), st.lastSigma.clone()));
        }
        st.epoch++;
        listener.onEpoch(log, best);
        if (checkpointFile != null) {
          st.save(checkpointFile, g, bestEma, fingerprint);
        }
        if (e - st.bestEpoch >= cfg.patience()) {
          stop = "no improvement for " + cfg.patience() + " epochs";
          break;
        }
      }
      return new TrainResult(bestEma, st.bestEpoch, st.bestLoss, st.epoch, st.step, stop,
          List.copyOf(st.history), List.copyOf(st.tracin), (System.nanoTime() - started) / 1e9);
    }
  }

  private String fingerprint(TrainingData train, TrainingData val, SeedTree seeds) {
    StringBuilder sb = new StringBuilder();
    sb.append(spec).append('|').append(cfg).append('|').append(seeds).append('|').append(threads);
    for (TrainingData t : List.of(train, val)) {
      sb.append('|').append(t.size());
      for (int i = 0; i < t.size(); i++) {
        sb.append(',').append(t.id(i));
      }
    }
    return Hashing.sha256Hex(sb.toString());
  }

  /** The deterministic validation set: per image id, one sigma and one noise (seed "val/id/<id>"). */
  private final class Validation {
    final int n;
    final float[] x;
    final float[] y;
    final float[] sigma;
    final float[] eps;

    Validation(TrainingData v, SeedTree seeds) {
      int limit = cfg.validationLimit() > 0 ? Math.min(cfg.validationLimit(), v.size()) : v.size();
      n = limit;
      int d = spec.imageSize();
      int cd = spec.condDim();
      x = new float[n * d];
      y = new float[n * Math.max(cd, 1)];
      sigma = new float[n];
      eps = new float[n * d];
      for (int i = 0; i < n; i++) {
        v.image(i, x, i * d);
        if (cd > 0) {
          v.cond(i, y, i * cd);
        }
        CounterRng r = seeds.child("id", v.id(i)).rng();
        sigma[i] = (float) Edm.trainingSigma(r.nextGaussian(), spec.edm());
        r.fillGaussian(eps, i * d, d);
      }
    }

    double loss(TrainingGraph g) {
      int vb = g.valBatch();
      int d = spec.imageSize();
      int cd = Math.max(spec.condDim(), 1);
      double sum = 0;
      for (int start = 0; start < n; start += vb) {
        int c = Math.min(vb, n - start);
        float[] l = g.validate(pad(x, start, c, d, vb), pad(y, start, c, cd, vb), pad(sigma, start, c, 1, vb),
            pad(eps, start, c, d, vb));
        for (int i = 0; i < c; i++) {
          sum += l[i];
        }
      }
      return sum / n;
    }
  }

  static float[] pad(float[] src, int start, int count, int per, int batch) {
    float[] out = new float[batch * per];
    System.arraycopy(src, start * per, out, 0, count * per);
    for (int i = count; i < batch; i++) {
      System.arraycopy(src, (start + count - 1) * per, out, i * per, per);
    }
    return out;
  }

  /** Counters and records that a checkpoint carries. */
  private final class State {
    int epoch;
    long step;
    int bestEpoch = -1;
    double bestLoss = Double.POSITIVE_INFINITY;
    final float[] lastSigma;
    final List<TrainResult.EpochLog> history = new ArrayList<>();
    final List<TrainResult.TracInCheckpoint> tracin = new ArrayList<>();

    State(int n) {
      lastSigma = new float[n];
      Arrays.fill(lastSigma, Float.NaN);
    }

    void save(Path file, TrainingGraph g, ModelWeights bestEma, String fingerprint) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("fingerprint", fingerprint);
      h.put("epoch", epoch);
      h.put("step", step);
      h.put("bestEpoch", bestEpoch);
      h.put("bestLoss", bestLoss);
      List<Map<String, Object>> hist = new ArrayList<>();
      for (TrainResult.EpochLog l : history) {
        hist.add(Map.of("epoch", l.epoch(), "trainLoss", l.trainLoss(), "validationLoss", l.validationLoss(),
            "lr", l.lr(), "seconds", l.seconds()));
      }
      h.put("history", hist);
      List<Map<String, Object>> tr = new ArrayList<>();
      Map<String, Map<String, float[]>> groups = new LinkedHashMap<>();
      groups.put("params", g.params.read(g.session));
      groups.put("ema", g.ema.read(g.session));
      groups.put("adam_m", g.m.read(g.session));
      groups.put("adam_v", g.v.read(g.session));
      if (bestEma != null) {
        groups.put("best_ema", bestEma.tensors());
      }
      groups.put("state", Map.of("lastSigma", lastSigma));
      for (int i = 0; i < tracin.size(); i++) {
        TrainResult.TracInCheckpoint c = tracin.get(i);
        tr.add(Map.of("epoch", c.epoch(), "step", c.step(), "lr", c.lr()));
        groups.put("tracin_" + i, c.weights().tensors());
        groups.put("tracin_sigma_" + i, Map.of("lastSigma", c.lastSigma()));
      }
      h.put("tracin", tr);
      try {
        new Checkpoint(h, groups).save(file);
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot write checkpoint " + file, ex);
      }
    }

    @SuppressWarnings("unchecked")
    ModelWeights restore(Checkpoint c, TrainingGraph g, String fingerprint, ParamTable table) {
      Map<String, Object> h = c.header();
      if (!fingerprint.equals(h.get("fingerprint"))) {
        throw new UserError("checkpoint " + checkpointFile + " belongs to another run (other data, "
            + "config or seed); delete it or choose another checkpoint path");
      }
      epoch = ((Number) h.get("epoch")).intValue();
      step = ((Number) h.get("step")).longValue();
      bestEpoch = ((Number) h.get("bestEpoch")).intValue();
      bestLoss = ((Number) h.get("bestLoss")).doubleValue();
      for (Map<String, Object> l : (List<Map<String, Object>>) h.get("history")) {
        history.add(new TrainResult.EpochLog(((Number) l.get("epoch")).intValue(),
            ((Number) l.get("trainLoss")).doubleValue(), ((Number) l.get("validationLoss")).doubleValue(),
            ((Number) l.get("lr")).doubleValue(), ((Number) l.get("seconds")).doubleValue()));
      }
      new ModelWeights(c.group("params")).checkAgainst(table);
      g.params.write(g.session, c.group("params"));
      g.ema.write(g.session, c.group("ema"));
      g.m.write(g.session, c.group("adam_m"));
      g.v.write(g.session, c.group("adam_v"));
      float[] ls = c.group("state").get("lastSigma");
      System.arraycopy(ls, 0, lastSigma, 0, lastSigma.length);
      List<Map<String, Object>> tr = (List<Map<String, Object>>) h.get("tracin");
      for (int i = 0; i < tr.size(); i++) {
        Map<String, Object> t = tr.get(i);
        tracin.add(new TrainResult.TracInCheckpoint(((Number) t.get("epoch")).intValue(),
            ((Number) t.get("step")).longValue(), ((Number) t.get("lr")).doubleValue(),
            new ModelWeights(c.group("tracin_" + i)), c.group("tracin_sigma_" + i).get("lastSigma")));
      }
      return c.hasGroup("best_ema") ? new ModelWeights(c.group("best_ema")) : null;
    }
  }
}
