package org.tdabench.benchmark.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.benchmark.store.Artifact;
import org.tdabench.benchmark.store.Recipe;
import org.tdabench.core.Hashing;
import org.tdabench.core.Progress;
import org.tdabench.methods.api.Targets;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.ModelWeights;

/**
 * Chooses and generates the targets of an ablation seed. As the MUCS reference does, a generated
 * target takes the condition of a randomly chosen test item, and its initial noise is keyed by that
 * item's id ({@code targets/noise/id/<id>}), so the same item gives the same noise in every seed and
 * after every removal. Val targets are further test items; self targets are training images,
 * planted near-duplicates first.
 */
final class TargetStage {
  /** 2: samples are the sampler's raw output (version 1 clamped them to [-1, 1]). */
  static final String VERSION = "2";

  private TargetStage() {}

  /** The main model of ablation seed s (s = 0 is the model every LDS score is computed on). */
  static TrainRequest mainModel(RunContext ctx, int s) {
    return mainModel(s, TrainRequest.all(ctx.train.size()));
  }

  static TrainRequest mainModel(int s, int[] items) {
    return new TrainRequest("main/seed/" + s, items, "model/seed/" + s, true);
  }

  static TargetSet targets(RunContext ctx, int s) {
    var p = ctx.preset;
    int d = ctx.train.imageSize();
    int cd = ctx.train.condDim();
    int nTest = ctx.test.size();
    int wantSelf = s == 0 ? p.selfTargets() : 0;
    Picks picks = picks(ctx, s);
    int gen = picks.gen();
    int ctl = picks.controls();
    int val = picks.val();
    int[] pick = picks.order();

    // Generated images: gen targets then controls.
    int ng = gen + ctl;
    long[] noise = new long[ng];
    float[] conds = cd > 0 ? new float[ng * cd] : null;
    List<Targets.Target> genInfo = new ArrayList<>();
    for (int i = 0; i < ng; i++) {
      int item = pick[i];
      long id = ctx.test.id(item);
      noise[i] = ctx.seeds.child("targets").child("noise").child("id", id).seed();
      if (cd > 0) {
        ctx.test.cond(item, conds, i * cd);
      }
      genInfo.add(new Targets.Target(Targets.Kind.GEN, id, noise[i]));
    }
    Artifact model = TrainStage.train(ctx, mainModel(ctx, s));
    float[] images = generate(ctx, model, noise, conds, ArtifactLedger.SHARED);

    // Val targets.
    float[] valImages = new float[val * d];
    float[] valConds = cd > 0 ? new float[val * cd] : null;
    List<Targets.Target> valInfo = new ArrayList<>();
    for (int i = 0; i < val; i++) {
      int item = pick[ng + i];
      ctx.test.image(item, valImages, i * d);
      if (cd > 0) {
        ctx.test.cond(item, valConds, i * cd);
      }
      valInfo.add(new Targets.Target(Targets.Kind.VAL, ctx.test.id(item), 0));
    }

    // Self targets: one member of each planted duplicate group first, then random training images.
    List<Integer> selfItems = new ArrayList<>();
    Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < ctx.train.size(); i++) {
      int g = ctx.train.duplicateGroup(i);
      if (g >= 0) {
        groups.computeIfAbsent(g, k -> new ArrayList<>()).add(i);
      }
    }
    for (List<Integer> members : groups.values()) {
      if (selfItems.size() < wantSelf) {
        selfItems.add(members.get(0));
      }
    }
    int[] order = ctx.seeds.child("targets").child("self").rng().permutation(ctx.train.size());
    for (int i = 0; i < order.length && selfItems.size() < wantSelf; i++) {
      if (!selfItems.contains(order[i])) {
        selfItems.add(order[i]);
      }
    }
    int self = selfItems.size();
    float[] selfImages = new float[self * d];
    float[] selfConds = cd > 0 ? new float[self * cd] : null;
    List<Targets.Target> selfInfo = new ArrayList<>();
    List<int[]> relevant = new ArrayList<>();
    for (int i = 0; i < self; i++) {
      int item = selfItems.get(i);
      ctx.train.image(item, selfImages, i * d);
      if (cd > 0) {
        ctx.train.cond(item, selfConds, i * cd);
      }
      selfInfo.add(new Targets.Target(Targets.Kind.SELF, ctx.train.id(item), 0));
      int g = ctx.train.duplicateGroup(item);
      relevant.add(g >= 0 ? groups.get(g).stream().mapToInt(Integer::intValue).toArray() : new int[] {item});
    }

    float[] all = new float[(gen + val + self) * d];
    System.arraycopy(images, 0, all, 0, gen * d);
    System.arraycopy(valImages, 0, all, gen * d, val * d);
    System.arraycopy(selfImages, 0, all, (gen + val) * d, self * d);
    float[] allConds = null;
    if (cd > 0) {
      allConds = new float[(gen + val + self) * cd];
      System.arraycopy(conds, 0, allConds, 0, gen * cd);
      System.arraycopy(valConds, 0, allConds, gen * cd, val * cd);
      System.arraycopy(selfConds, 0, allConds, (gen + val) * cd, self * cd);
    }
    List<Targets.Target> info = new ArrayList<>(genInfo.subList(0, gen));
    info.addAll(valInfo);
    info.addAll(selfInfo);
    float[] ctlImages = new float[ctl * d];
    System.arraycopy(images, gen * d, ctlImages, 0, ctl * d);
    float[] ctlConds = cd > 0 ? new float[ctl * cd] : null;
    if (cd > 0) {
      System.arraycopy(conds, gen * cd, ctlConds, 0, ctl * cd);
    }
    int ablation = Math.min(s == 0 ? p.ablationTargets() : gen, gen);
    return new TargetSet(new Targets(all, allConds, info), ctlImages, ctlConds,
        genInfo.subList(gen, ng), gen, val, self, ablation, relevant);
  }

  /**
   * Which test items seed s uses: {@code order[0, gen)} lend their condition and noise to the
   * generated targets, the next {@code controls} to the controls, the next {@code val} are the
   * held-out (val) targets.
   */
  record Picks(int[] order, int gen, int controls, int val) {
    int[] valItems() {
      return java.util.Arrays.copyOfRange(order, gen + controls, gen + controls + val);
    }
  }

  static Picks picks(RunContext ctx, int s) {
    var p = ctx.preset;
    int nTest = ctx.test.size();
    int gen = Math.min(s == 0 ? p.genTargets() : p.ablationTargets(), nTest);
    int ctl = Math.min(p.controls(), Math.max(0, nTest - gen));
    int val = Math.min(s == 0 ? p.valTargets() : 0, Math.max(0, nTest - gen - ctl));
    int[] order = ctx.seeds.child("targets").child("seed", s).child("pick").rng().permutation(nTest);
    return new Picks(order, gen, ctl, val);
  }

  /**
   * Images generated by a model from noise seeds and conditions: the sampler's raw output, as the
   * MUCS reference saves and attributes it (generate.py, attrib.py); cached. Only the image
   * comparisons clamp (the ablation's similarities and the report's images, after the reference's
   * denormalise-and-clamp). D-TRAK attributed 8-bit PNGs of its samples instead; we follow MUCS.
   */
  static float[] generate(RunContext ctx, Artifact model, long[] noise, float[] conds, String group) {
    StringBuilder key = new StringBuilder();
    for (long n : noise) {
      key.append(n).append(',');
    }
    Recipe r = ctx.recipe("samples", "models.sampler", VERSION)
        .withConfigObject("sampler", ctx.model.sampler())
        .withConfig("noise", Hashing.sha256Hex(key.toString()))
        .withConfig("conds", conds == null ? "none" : Hashing.sha256Hex(floatsHash(conds)))
        .withConfig("count", noise.length)
        .withInput("model", model.hash());
    try {
      Artifact a = ctx.store.getOrCompute(r, pc -> {
        long t0 = System.nanoTime();
        ModelWeights w = TrainStage.ema(model);
        DitEdmModel m = ModelPool.borrow(ctx.model.spec(), w, ctx.threads(), 64);
        {
          float[] x;
          try (Progress progress = JobProgress.tasks().start("sample " + noise.length + " images",
              DitEdmModel.samplerEvaluations(ctx.model.sampler()), "step", 1)) {
            x = m.sample(m.initialNoise(noise), conds, noise.length, ctx.model.sampler(), progress);
          }
          var a2 = ctx.model.arch();
          FloatArrays.write(pc.folder().resolve("images.npy"), x, noise.length, a2.imageHeight(), a2.imageWidth(),
              a2.imageChannels());
        }
        pc.threads(ctx.threads()).timing("sample", (System.nanoTime() - t0) / 1e9);
      });
      ctx.ledger.record(group, a);
      return FloatArrays.read(a.file("images.npy"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] floatsHash(float[] v) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }
}
