package org.tdabench.benchmark.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.tdabench.benchmark.lds.SubsetMasks;
import org.tdabench.benchmark.lds.SubsetSampler;
import org.tdabench.benchmark.store.Artifact;
import org.tdabench.benchmark.store.Recipe;
import org.tdabench.core.Hashing;
import org.tdabench.core.Progress;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.ProbeSet;

/**
 * The LDS ground truth: models retrained on alpha = 0.5 subsets of two families
 * ("eval" scores methods, "tune" chooses their hyper-parameters), and for each model and target
 * the mean EDM loss over a fixed probe set — sigmas at the quantiles of the training log-normal
 * (the EDM analogue of D-TRAK's uniform timesteps) x several noise seeds, the same for every model —
 * averaged over the retraining seeds.
 */
final class LdsStage {
  static final String VERSION = "1";

  private LdsStage() {}

  static SubsetMasks masks(RunContext ctx, String family, int m) {
    int n = ctx.train.size();
    int[] labels = new int[n];
    boolean any = false;
    for (int i = 0; i < n; i++) {
      labels[i] = ctx.train.label(i);
      any |= labels[i] >= 0;
    }
    return SubsetSampler.draw(ctx.seeds, family, m, n, ctx.preset.alpha(), any ? labels : null);
  }

  /**
   * Subset j's model of training seed r. As D-TRAK trains every subset with seeds 0, 1, 2, the
   * training seed is shared across subsets (common random numbers): models then differ by their
   * data, not by their initialisation and noise.
   */
  static TrainRequest request(RunContext ctx, String family, int j, int r, int[] members) {
    return request(family, j, r, members);
  }

  static TrainRequest request(String family, int j, int r, int[] members) {
    return new TrainRequest("lds/" + family + "/" + j + "/seed/" + r, members, "lds/train-seed/" + r, false);
  }

  static int subsets(RunContext ctx, String family) {
    return family.equals(SubsetSampler.EVAL) ? ctx.preset.ldsSubsets() : ctx.preset.tuneSubsets();
  }

  /** Every LDS model training of the run (both families, every seed). */
  static List<TrainRequest> requests(RunContext ctx) {
    List<TrainRequest> out = new ArrayList<>();
    for (String family : List.of(SubsetSampler.EVAL, SubsetSampler.TUNE)) {
      SubsetMasks m = masks(ctx, family, subsets(ctx, family));
      for (int j = 0; j < m.subsets(); j++) {
        for (int r = 0; r < ctx.preset.seedsPerSubset(); r++) {
          out.add(request(ctx, family, j, r, m.members(j)));
        }
      }
    }
    return out;
  }

  /** The probes every LDS model is evaluated at: quantile sigmas x noise seeds. */
  static ProbeSet probes(RunContext ctx) {
    var p = ctx.preset;
    var edm = ctx.model.edm();
    ProbeSet q = ProbeSet.trainingQuantiles(p.ldsSigmas(), edm.pMean(), edm.pStd(), ctx.train.imageSize(),
        ctx.seeds.child("lds").child("probe"));
    double[] sig = new double[p.ldsSigmas() * p.ldsNoises()];
    for (int i = 0; i < sig.length; i++) {
      sig[i] = q.sigmas()[i % p.ldsSigmas()];
    }
    return ProbeSet.of(sig, ctx.train.imageSize(), ctx.seeds.child("lds").child("probe"));
  }

  /** Ground truth of one LDS model: mean probe loss of every gen and val target (gen rows first). */
  static double[] groundTruth(RunContext ctx, TrainRequest req) {
    TargetSet t = TargetStage.targets(ctx, 0);
    int rows = t.gen() + t.val();
    Artifact model = TrainStage.train(ctx, req);
    Recipe r = ctx.recipe("lds-gt", "benchmark.lds", VERSION)
        .withConfig("sigmas", ctx.preset.ldsSigmas()).withConfig("noises", ctx.preset.ldsNoises())
        .withConfig("targets", AttributionStage.targetsHash(t))
        .withSeed("root", ctx.config.seed()).withSeed("probe", "lds/probe")
        .withInput("model", model.hash()).withInput("data", Hashing.sha256Hex(ctx.dataId));
    try {
      Artifact a = ctx.store.getOrCompute(r, pc -> {
        long t0 = System.nanoTime();
        ProbeSet probes = probes(ctx);
        int d = ctx.train.imageSize();
        int cd = ctx.train.condDim();
        float[] x = new float[rows * d];
        System.arraycopy(t.attributed().images(), 0, x, 0, rows * d);
        float[] y = null;
        if (cd > 0) {
          y = new float[rows * cd];
          System.arraycopy(t.attributed().conds(), 0, y, 0, rows * cd);
        }
        double[] gt = new double[rows];
        DitEdmModel m = ModelPool.borrow(ctx.model.spec(), TrainStage.ema(model), ctx.threads(), 256);
        {
          float[] l;
          try (Progress progress = JobProgress.tasks().start("probe losses", rows, "target", 1)) {
            l = m.probeLosses(x, y, rows, probes, progress);
          }
          int k = probes.size();
          for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < k; j++) {
              s += l[i * k + j];
            }
            gt[i] = s / k;
          }
        }
        FloatArrays.writeDoubles(pc.folder().resolve("ground_truth.npy"), gt);
        pc.threads(ctx.threads()).timing("probe", (System.nanoTime() - t0) / 1e9);
      });
      ctx.ledger.record(ArtifactLedger.SHARED, a);
      return FloatArrays.readDoubles(a.file("ground_truth.npy"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** L[j][t] of a family: mean over the R retraining seeds. */
  static double[][] groundTruthMatrix(RunContext ctx, String family) {
    int m = subsets(ctx, family);
    SubsetMasks masks = masks(ctx, family, m);
    double[][] out = new double[m][];
    for (int j = 0; j < m; j++) {
      double[] acc = null;
      for (int r = 0; r < ctx.preset.seedsPerSubset(); r++) {
        double[] g = groundTruth(ctx, request(ctx, family, j, r, masks.members(j)));
        if (acc == null) {
          acc = new double[g.length];
        }
        for (int t = 0; t < g.length; t++) {
          acc[t] += g[t] / ctx.preset.seedsPerSubset();
        }
      }
      out[j] = acc;
    }
    return out;
  }
}
