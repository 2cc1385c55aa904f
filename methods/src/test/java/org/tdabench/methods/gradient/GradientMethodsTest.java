package org.tdabench.methods.gradient;

import org.tdabench.models.TinyModels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.core.SeedTree;
import org.tdabench.core.UserError;
import org.tdabench.methods.TestTasks;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.methods.api.Methods;
import org.tdabench.methods.api.ProgressSink;
import org.tdabench.methods.api.Scores;
import org.tdabench.methods.api.TaskResources;
import org.tdabench.methods.api.Targets;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.GradientSpec;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.OutputFunction;
import org.tdabench.models.config.TrainConfig;
import org.tdabench.models.train.TrainResult;

/** TRAK, D-TRAK, DAS, Diffusion-TracIn and ReTrac on the tiny trained fixture. */
@Tag("numerics")
class GradientMethodsTest {
  @TempDir
  Path dir;

  private static final Map<String, String> SMALL = Map.of("sigmas", "4", "projection_dim", "256");

  @Test
  void theFiveMethodsAreInstalled() {
    List<String> names = Methods.installed().stream().map(AttributionMethod::name).toList();
    assertTrue(names.containsAll(List.of("trak", "dtrak", "tracin", "retrac", "das")), names.toString());
  }

  @Test
  void trakAndDtrakRankATrainingImageFirstForItselfAndOfferTheRidgeGrid() {
    int[] rows = {0, 5, 13, 22};
    for (AttributionMethod m : List.of(new Trak(), new DTrak())) {
      Scores s = m.attribute(TestTasks.task(m, TestTasks.selfTargets(rows), SMALL, dir));
      for (int t = 0; t < rows.length; t++) {
        assertEquals(0, TestTasks.rank(s, t, rows[t]), m.name() + " target " + t);
      }
      assertEquals(27, s.candidates().size(), m.name());
      assertArrayEquals(s.candidates().get("lambda=1"), s.values(), m.name() + ": the default candidate");
      assertEquals("dual", s.metadata().get("solve_form"));
    }
  }

  @Test
  void anEnsembleOfOneModelEqualsTheSingleModel() {
    Trak m = new Trak();
    Targets tg = TestTasks.selfTargets(2, 7);
    Scores single = m.attribute(task(m, tg, SMALL, new Resources(null, TestTasks.weights())));
    Map<String, String> one = new java.util.HashMap<>(SMALL);
    one.put("models", "1");
    Scores ens = m.attribute(task(m, tg, one, new Resources(null, TestTasks.weights())));
    Scores again = m.attribute(task(m, tg, SMALL, new Resources(null, TestTasks.weights())));
    assertArrayEquals(single.values(), again.values(), "deterministic");
    assertArrayEquals(single.values(), ens.values());
    for (String k : single.candidates().keySet()) {
      assertArrayEquals(single.candidates().get(k), ens.candidates().get(k), k);
    }
  }

  @Test
  void retracIsTracInWithUnitNormalisedGradients() {
    TrainResult.TracInCheckpoint ck = TestTasks.trained().tracin().get(0);
    Map<String, String> opts = Map.of("target_sigmas", "1", "target_noises", "2", "batch", "5", "sigma_grid", "training");
    Targets tg = TestTasks.selfTargets(3, 10);
    ReTrac retrac = new ReTrac();
    DiffusionTracIn tracin = new DiffusionTracIn();
    AttributionTask rt = task(retrac, tg, opts, new Resources(ck, null));
    Scores r = retrac.attribute(rt);
    // The same seed tree: both methods then differentiate at the same noises.
    Scores t = tracin.attribute(new AttributionTask(rt.spec(), rt.weights(), rt.train(), tg,
        new MethodOptions(tracin.name(), tracin.options(), opts), rt.seeds(), 1, rt.resources(), ProgressSink.NONE, dir));

    // Explicit oracle: one backward pass per (sample, noise) on the checkpoint's weights.
    int n = TestTasks.N;
    int d = TestTasks.spec().imageSize();
    int cd = TestTasks.spec().condDim();
    double w = ck.lr() * ck.step() * TestTasks.trainConfig().batchSize() / n;
    float sigma = (float) SigmaGrid.of("training", 1, TestTasks.spec())[0];
    try (DitEdmModel m = DitEdmModel.of(TestTasks.spec(), ck.weights(), TinyModels.threads())) {
      var naive2 = m.gradients(new GradientSpec(OutputFunction.LOSS, null, 2, false, 0, 0, 1, false));
      var naive1 = m.gradients(new GradientSpec(OutputFunction.LOSS, null, 1, false, 0, 0, 1, false));
      float[] eps2 = new float[2 * d];
      for (int j = 0; j < 2; j++) {
        rt.seeds().child("target-noise").child("sigma", 0).child("noise", j).rng().fillGaussian(eps2, j * d, d);
      }
      for (int q = 0; q < tg.size(); q++) {
        float[] gt = naive2.compute(slice(tg.images(), q, d), slice(tg.conds(), q, cd), new float[] {sigma, sigma}, eps2, 1);
        for (int i = 0; i < n; i++) {
          float[] x = new float[d];
          float[] y = new float[cd];
          TestTasks.trainSet().image(i, x, 0);
          TestTasks.trainSet().cond(i, y, 0);
          float[] e = new float[d];
          rt.seeds().child("train-noise").child("checkpoint", 0).child("id", TestTasks.trainSet().id(i)).rng()
              .fillGaussian(e, 0, d);
          float[] gi = naive1.compute(x, y, new float[] {ck.lastSigma()[i]}, e, 1);
          double dot = 0;
          double ni = 0;
          double nt = 0;
          for (int j = 0; j < gi.length; j++) {
            dot += (double) gi[j] * gt[j];
            ni += (double) gi[j] * gi[j];
            nt += (double) gt[j] * gt[j];
          }
          double cos = dot / Math.sqrt(ni * nt);
          assertEquals(w * cos, r.get(q, i), 1e-3 * w, "retrac " + q + "," + i);
          assertTrue(Math.abs(r.get(q, i)) <= w * (1 + 1e-4), "a cosine of unit vectors");
          assertEquals(w * dot, t.get(q, i), 1e-3 * Math.abs(w * dot) + 1e-6, "tracin " + q + "," + i);
        }
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> rep = (Map<String, Object>) r.metadata().get("topk_repetition");
    assertTrue(rep.containsKey("tracin") && rep.containsKey("retrac"), rep.toString());
  }

  @Test
  void projectedRetracApproximatesTheExactOneWithinTheJohnsonLindenstraussBound() {
    TrainResult.TracInCheckpoint ck = TestTasks.trained().tracin().get(0);
    Targets tg = TestTasks.selfTargets(6, 19);
    ReTrac retrac = new ReTrac();
    long p = org.tdabench.models.nn.DitEdmParams.of(TestTasks.spec().arch()).count();
    int k = 2048;
    // A budget of about ten rows per chunk: the 24 training rows take three chunks.
    String mib = String.valueOf(Math.max(1, (40 * p) >> 20));
    Map<String, String> exact = Map.of("target_sigmas", "2", "target_noises", "2", "batch", "4");
    Map<String, String> projected = Map.of("target_sigmas", "2", "target_noises", "2", "batch", "4",
        "projection_dim", String.valueOf(k), "memory_mib", mib);
    Scores a = retrac.attribute(task(retrac, tg, exact, new Resources(ck, null)));
    Scores b = retrac.attribute(task(retrac, tg, projected, new Resources(ck, null)));
    double w = ck.lr() * ck.step() * TestTasks.trainConfig().batchSize() / TestTasks.N;
    // Unit vectors: |<Pa, Pb> / k - <a, b>| <= 5 sqrt(2 / k) with overwhelming probability (the
    // target is an average of unit vectors, so its norm is at most 1).
    double eps = 5 * Math.sqrt(2.0 / k) * w;
    for (int i = 0; i < a.values().length; i++) {
      assertEquals(a.values()[i], b.values()[i], eps, "row-major entry " + i);
    }
  }

  @Test
  void projectedTargetVectorsDoNotDependOnTheChunkSize() {
    // Targets are projected as they complete, through the projector's chunk; chunks of one row
    // (odd sizes split a target's TracIn/ReTrac pair) must give what chunks of eight give.
    var table = org.tdabench.models.nn.DitEdmParams.of(TestTasks.spec().arch());
    List<String> names = List.of("dit_backbone.0.mlp.0.weight");
    int p = (int) table.count(names);
    int t = 3;
    float[][] rows = new float[2 * t][p];
    org.tdabench.core.CounterRng r = new org.tdabench.core.CounterRng(4);
    for (float[] v : rows) {
      r.fillGaussian(v);
    }
    float[][] got = new float[2][];
    int[] capacities = {1, 8};
    for (int c = 0; c < 2; c++) {
      try (GaussianProjector proj = new GaussianProjector(table, names, 16, 42, capacities[c], 0, 1)) {
        TracInScores.TargetVectors.Projected q = new TracInScores.TargetVectors.Projected(proj, t, p);
        for (int tg = 0; tg < t; tg++) {
          System.arraycopy(rows[tg], 0, q.tracinRow(tg), 0, p);
          System.arraycopy(rows[t + tg], 0, q.retracRow(tg), 0, p);
          q.complete(tg);
        }
        got[c] = q.rows().clone();
      }
    }
    for (int i = 0; i < got[0].length; i++) {
      assertEquals(got[1][i], got[0][i], 1e-4 * (1 + Math.abs(got[1][i])), "entry " + i);
    }
  }

  @Test
  void projectedTracInChecksItsMemoryBudgetBeforeAnyGradient() {
    // Projecting needs one target's two full-space sums, one projector row and the 2 T x k
    // projected targets (here 2 x 6 x 65536 floats = 3 MiB): 1 MiB is a one-line error naming the
    // option, not a silent overrun.
    TrainResult.TracInCheckpoint ck = TestTasks.trained().tracin().get(0);
    ReTrac retrac = new ReTrac();
    Map<String, String> opts = Map.of("target_sigmas", "2", "target_noises", "2", "projection_dim", "65536",
        "memory_mib", "1");
    UserError e = assertThrows(UserError.class,
        () -> retrac.attribute(task(retrac, TestTasks.selfTargets(6, 19), opts, new Resources(ck, null))));
    assertTrue(e.getMessage().contains("memory_mib=1"), e.getMessage());
  }

  @Test
  void dasScoresAreSquaredLeaveOneOutChangesWithResidualAndLeverage() {
    KernelScores.Solution sol = new KernelScores.Solution(new float[] {1, -2, 3, 0.5f}, new double[] {0.5, 0.25});
    float[] s = new Das().transform(sol, new double[] {2, 3}, 2, 2);
    assertArrayEquals(new float[] {16, 576, 144, 36}, s);
    Das das = new Das();
    Scores r = das.attribute(TestTasks.task(das, TestTasks.selfTargets(1, 4),
        Map.of("sigmas", "3", "projection_dim", "128", "residual_probes", "8"), dir));
    for (float v : r.values()) {
      assertTrue(v >= 0 && Float.isFinite(v));
    }
    assertEquals(27, r.candidates().size());
  }

  private static float[] slice(float[] a, int i, int per) {
    float[] out = new float[per];
    System.arraycopy(a, i * per, out, 0, per);
    return out;
  }

  private AttributionTask task(AttributionMethod m, Targets tg, Map<String, String> opts, TaskResources res) {
    return new AttributionTask(TestTasks.spec(), TestTasks.weights(), TestTasks.trainSet(), tg,
        new MethodOptions(m.name(), m.options(), opts), SeedTree.root(7).child("method").child(m.name()), 1, res,
        ProgressSink.NONE, dir);
  }

  /** One training checkpoint, and "subset models" that are the attributed model itself. */
  private record Resources(TrainResult.TracInCheckpoint checkpoint, ModelWeights subsetWeights) implements TaskResources {
    @Override
    public TrainConfig trainConfig() {
      return TestTasks.trainConfig();
    }

    @Override
    public List<TrainResult.TracInCheckpoint> trainingCheckpoints() {
      return checkpoint == null ? List.of() : List.of(checkpoint);
    }

    @Override
    public List<SubsetModel> subsetModels(int m) {
      int[] all = new int[TestTasks.N];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      return java.util.Collections.nCopies(m, new SubsetModel(subsetWeights, all));
    }

    @Override
    public Scores scoresOf(String method) {
      throw new UnsupportedOperationException();
    }

    @Override
    public float[] cached(String key, Supplier<float[]> compute) {
      return compute.get();
    }
  }
}
