package org.tdabench.models.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.core.UserError;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.nn.ParamTable;

/**
 * A model's work checkpoint, written after every epoch it closes: its counters and history, its
 * weights, EMA and AdamW moments, its best EMA and TracIn checkpoints. One file per model, so a
 * fleet resumes each of its models from its own state (a model's file does not depend on the fleet
 * it trained in).
 */
final class MemberCheckpoint {
  private MemberCheckpoint() {}

  /** The optimiser state of one model: weights, EMA and moments. */
  record State(Map<String, float[]> params, Map<String, float[]> ema, Map<String, float[]> m,
      Map<String, float[]> v) {}

  static void save(Path file, MemberRun run, State s) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("fingerprint", run.fingerprint);
    h.put("epoch", run.epoch);
    h.put("step", run.step);
    h.put("bestEpoch", run.bestEpoch);
    h.put("bestLoss", run.bestLoss);
    List<Map<String, Object>> hist = new ArrayList<>();
    for (TrainResult.EpochLog l : run.history) {
      hist.add(Map.of("epoch", l.epoch(), "trainLoss", l.trainLoss(), "validationLoss", l.validationLoss(),
          "lr", l.lr(), "seconds", l.seconds()));
    }
    h.put("history", hist);
    Map<String, Map<String, float[]>> groups = new LinkedHashMap<>();
    groups.put("params", s.params());
    groups.put("ema", s.ema());
    groups.put("adam_m", s.m());
    groups.put("adam_v", s.v());
    if (run.bestEma != null) {
      groups.put("best_ema", run.bestEma.tensors());
    }
    groups.put("state", Map.of("lastSigma", run.lastSigma));
    List<Map<String, Object>> tr = new ArrayList<>();
    for (int i = 0; i < run.tracin.size(); i++) {
      TrainResult.TracInCheckpoint c = run.tracin.get(i);
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

  /** Restores {@code run}'s counters and records from {@code file}; returns its optimiser state. */
  @SuppressWarnings("unchecked")
  static State restore(Path file, MemberRun run, ParamTable table) {
    Checkpoint c = Checkpoint.load(file);
    Map<String, Object> h = c.header();
    if (!run.fingerprint.equals(h.get("fingerprint"))) {
      throw new UserError("checkpoint " + file + " belongs to another run (other data, config, seed or "
          + "training layout); delete it or choose another checkpoint path");
    }
    run.epoch = ((Number) h.get("epoch")).intValue();
    run.step = ((Number) h.get("step")).longValue();
    run.bestEpoch = ((Number) h.get("bestEpoch")).intValue();
    run.bestLoss = ((Number) h.get("bestLoss")).doubleValue();
    for (Map<String, Object> l : (List<Map<String, Object>>) h.get("history")) {
      run.history.add(new TrainResult.EpochLog(((Number) l.get("epoch")).intValue(),
          ((Number) l.get("trainLoss")).doubleValue(), ((Number) l.get("validationLoss")).doubleValue(),
          ((Number) l.get("lr")).doubleValue(), ((Number) l.get("seconds")).doubleValue()));
    }
    new ModelWeights(c.group("params")).checkAgainst(table);
    float[] ls = c.group("state").get("lastSigma");
    System.arraycopy(ls, 0, run.lastSigma, 0, run.lastSigma.length);
    List<Map<String, Object>> tr = (List<Map<String, Object>>) h.get("tracin");
    for (int i = 0; i < tr.size(); i++) {
      Map<String, Object> t = tr.get(i);
      run.tracin.add(new TrainResult.TracInCheckpoint(((Number) t.get("epoch")).intValue(),
          ((Number) t.get("step")).longValue(), ((Number) t.get("lr")).doubleValue(),
          new ModelWeights(c.group("tracin_" + i)), c.group("tracin_sigma_" + i).get("lastSigma")));
    }
    run.bestEma = c.hasGroup("best_ema") ? new ModelWeights(c.group("best_ema")) : null;
    if (run.epoch > 0 && run.epoch - 1 - run.bestEpoch >= run.cfg.patience()) {
      run.stopReason = "no improvement for " + run.cfg.patience() + " epochs";
    } else if (run.epoch >= run.cfg.maxEpochs()) {
      run.stopReason = "maximum epochs reached";
    }
    return new State(c.group("params"), c.group("ema"), c.group("adam_m"), c.group("adam_v"));
  }

  static boolean exists(Path file) {
    return file != null && Files.exists(file);
  }
}
