package org.tdabench.methods.gradient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.core.SeedTree;
import org.tdabench.core.UserError;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.OutputFunction;
import org.tdabench.models.nn.DitEdmParams;
import org.tdabench.models.nn.ParamTable;
import org.tdabench.models.train.TrainResult;
import org.tensorflow.types.TFloat32;

/**
 * Diffusion-TracIn and ReTrac scores in one pass over the saved training checkpoints (they share
 * every gradient): per checkpoint c with weight w_c,
 * TracIn[t, i] += w_c <g_i, G_t> with G_t = mean over sigmas of g_{t, sigma}, and
 * ReTrac[t, i] += w_c <g_i / |g_i|, mean over sigmas of g_{t, sigma} / |g_{t, sigma}|>,
 * where g_{t, sigma} averages the loss gradient over the target's noises at sigma and g_i is the
 * training image's loss gradient at the sigma it was last trained with, with fresh noise.
 * w_c = lr_c x (steps since the previous checkpoint) x B / N, the learning rate summed over the
 * expected visits of a sample (the reference's eta B delta_epochs / N_eff is a per-checkpoint
 * constant of the same role). Memory: exact, the 2 T x p target vectors and one gradient batch;
 * projected, one target's two full-space sums, the projector's chunk of rows and 2 T x k projected
 * vectors (each gradient is projected as it streams, so nothing of size T x p ever exists).
 *
 * <p>Seeds: {@code target-noise/sigma/<s>/noise/<j>} (shared by targets and checkpoints),
 * {@code train-noise/checkpoint/<c>/id/<id>}.
 */
public final class TracInScores {
  private TracInScores() {}

  /** TracIn and ReTrac scores [T][N], per-checkpoint weights, and seconds spent on targets. */
  public record Result(float[] tracin, float[] retrac, List<Map<String, Object>> checkpoints, double targetSeconds,
      double seconds) {}

  public static Result compute(AttributionTask task, TracInConfig c) {
    long t0 = System.nanoTime();
    List<TrainResult.TracInCheckpoint> cks = task.resources().trainingCheckpoints();
    if (cks.isEmpty()) {
      throw new UserError("the attributed model kept no training checkpoints up to its best epoch (TracIn needs them)");
    }
    ParamTable table = DitEdmParams.of(task.spec().arch());
    List<String> names = ParamSelection.resolve(c.params(), table);
    long p = ParamSelection.count(names, table);
    int t = task.targets().size();
    int n = task.train().size();
    int d = task.spec().imageSize();
    int cd = task.spec().condDim();
    int s = c.targetSigmas();
    int g = c.targetNoises();
    long memory = (long) c.memoryMib() << 20;
    long[] plan = c.projectionDim() == 0 ? null : projectionPlan(c, p, t, n, memory);
    if (plan == null && 8L * t * p > memory) {
      throw new UserError(String.format("tracin: %d targets x %d parameters of exact gradients need %d MiB, more "
          + "than memory_mib=%d; raise memory_mib or set projection_dim", t, p, (8L * t * p) >> 20, c.memoryMib()));
    }
    double[] sigmas = SigmaGrid.of(c.sigmaGrid(), s, task.spec());
    float[] noise = new float[s * g * d];
    for (int a = 0; a < s; a++) {
      for (int j = 0; j < g; j++) {
        task.seeds().child("target-noise").child("sigma", a).child("noise", j).rng().fillGaussian(noise, (a * g + j) * d, d);
      }
    }
    RowProbes targetProbes = new RowProbes() {
      @Override
      public int perRow() {
        return g;
      }

      @Override
      public void fill(int row, float[] sig, int so, float[] eps, int eo) {
        int a = row % s;
        java.util.Arrays.fill(sig, so, so + g, (float) sigmas[a]);
        System.arraycopy(noise, a * g * d, eps, eo, g * d);
      }
    };
    ImageRows targetRows = ImageRows.of(task.targets(), d, cd).repeatEach(s);
    ImageRows trainRows = ImageRows.of(task.train());
    float[] tracin = new float[Math.multiplyExact(t, n)];
    float[] retrac = new float[Math.multiplyExact(t, n)];
    List<Map<String, Object>> info = new ArrayList<>();
    double targetSec = 0;
    int b = task.resources().trainConfig().batchSize();
    task.progress().start("tracin checkpoints", (long) cks.size() * ((long) t * s + n));
    long done = 0;
    try (DitEdmModel model = DitEdmModel.create(task.spec(), task.threads());
        TfLinalg la = new TfLinalg(task.threads());
        Projection proj = plan == null ? null : new Projection(table, names, c, plan, task.threads())) {
      GradientStream targetStream = new GradientStream(model, OutputFunction.LOSS, names, g, false, c.batch());
      GradientStream trainStream = new GradientStream(model, OutputFunction.LOSS, names, 1, false, c.batch());
      long prevStep = 0;
      for (int ci = 0; ci < cks.size(); ci++) {
        TrainResult.TracInCheckpoint ck = cks.get(ci);
        double w = ck.lr() * (ck.step() - prevStep) * b / n;
        prevStep = ck.step();
        model.load(ck.weights());
        long tt = System.nanoTime();
        // Target vectors q: rows [0, T) TracIn's mean gradient, rows [T, 2T) ReTrac's mean of
        // unit-norm per-sigma gradients. Rows arrive target by target (s sigmas each), so each
        // target is summed in full space and, when projecting, projected as soon as it is complete:
        // only one target's two full-space vectors exist at a time, never 2 T x p.
        TargetVectors q = proj == null ? new TargetVectors.Exact(t, p) : proj.targets(t);
        float[][] open = new float[2][];
        int[] openTarget = {-1};
        targetStream.run(targetRows, targetProbes, (first, count, grads) -> {
          for (int r = 0; r < count; r++) {
            int tg = (first + r) / s;
            if (tg != openTarget[0]) {
              openTarget[0] = tg;
              open[0] = q.tracinRow(tg);
              open[1] = q.retracRow(tg);
            }
            long base = r * p;
            double norm = norm(grads, base, p);
            float[] qt = open[0];
            float[] qr = open[1];
            for (int j = 0; j < p; j++) {
              float v = grads[(int) (base + j)];
              qt[j] += v / s;
              qr[j] += (float) (v / (norm + 1e-8) / s);
            }
            if ((first + r) % s == s - 1) {
              q.complete(tg);
            }
          }
        });
        targetSec += (System.nanoTime() - tt) / 1e9;
        done += (long) t * s;
        task.progress().step(done);
        float[] lastSigma = ck.lastSigma();
        SeedTree noiseTree = task.seeds().child("train-noise").child("checkpoint", ci);
        RowProbes trainProbes = new RowProbes() {
          @Override
          public int perRow() {
            return 1;
          }

          @Override
          public void fill(int row, float[] sig, int so, float[] eps, int eo) {
            sig[so] = Float.isNaN(lastSigma[row]) ? 1f : lastSigma[row];
            noiseTree.child("id", task.train().id(row)).rng().fillGaussian(eps, eo, d);
          }
        };
        Accumulator acc = (first, count, dots, norms) -> {
          for (int r = 0; r < count; r++) {
            int i = first + r;
            if (Float.isNaN(lastSigma[i])) {
              continue; // never trained on up to this checkpoint: no influence through it
            }
            for (int tg = 0; tg < t; tg++) {
              tracin[tg * n + i] += (float) (w * dots[r * 2 * t + tg]);
              retrac[tg * n + i] += (float) (w * dots[r * 2 * t + t + tg] / (norms[r] + 1e-8));
            }
          }
        };
        if (proj == null) {
          try (TFloat32 qt = TfLinalg.resident(((TargetVectors.Exact) q).rows(), (int) p)) {
            trainStream.run(trainRows, trainProbes, (first, count, grads) ->
                acc.add(first, count, la.matmulNT(grads, count, (int) p, qt), norms(grads, count, p)));
          }
        } else {
          proj.score(trainStream, trainRows, trainProbes, ((TargetVectors.Projected) q).rows(), 2 * t, p, la, acc);
        }
        done += n;
        task.progress().step(done);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", ck.epoch());
        m.put("step", ck.step());
        m.put("lr", ck.lr());
        m.put("weight", w);
        int never = 0;
        for (float v : lastSigma) {
          never += Float.isNaN(v) ? 1 : 0;
        }
        m.put("never_trained_rows", never);
        info.add(m);
      }
    }
    return new Result(tracin, retrac, info, targetSec, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * Rows per projection chunk and bytes of cached P when projecting, within {@code memory}: one
   * target's two full-space sums (8 p bytes) and the projected target vectors (8 T k bytes) come
   * first; at least one full-space row must remain for the projector's chunk.
   */
  static long[] projectionPlan(TracInConfig c, long p, int t, int n, long memory) {
    long fixed = 8L * p + 8L * t * c.projectionDim();
    if (memory - fixed < 4L * p) {
      throw new UserError(String.format("tracin: projecting %d-parameter gradients needs at least %d MiB (one "
          + "target's sums, one projector row and %d projected targets), more than memory_mib=%d; raise memory_mib",
          p, (fixed + 4L * p + (1L << 20) - 1) >> 20, t, c.memoryMib()));
    }
    return FeatureExtractor.plan(p, c.projectionDim(), Math.max(n, 2L * t), memory - fixed);
  }

  /** The 2 T target vectors of one checkpoint: TracIn's rows [0, T), ReTrac's [T, 2T). */
  interface TargetVectors {
    /** Full-space accumulator of target tg's TracIn vector. */
    float[] tracinRow(int tg);

    /** Full-space accumulator of target tg's ReTrac vector. */
    float[] retracRow(int tg);

    /** Every sigma of target tg has been added. */
    void complete(int tg);

    /** Exact: all 2 T vectors in full space, one array each. */
    final class Exact implements TargetVectors {
      private final float[][] rows;

      Exact(int t, long p) {
        rows = new float[2 * t][Math.toIntExact(p)];
      }

      @Override
      public float[] tracinRow(int tg) {
        return rows[tg];
      }

      @Override
      public float[] retracRow(int tg) {
        return rows[rows.length / 2 + tg];
      }

      @Override
      public void complete(int tg) {}

      float[][] rows() {
        return rows;
      }
    }

    /**
     * Projected: one target's two full-space sums at a time; a completed target's pair is handed to
     * the projector's chunk, and the chunk's projections land in rows [2 T][k].
     */
    final class Projected implements TargetVectors {
      private final GaussianProjector proj;
      private final int t;
      private final float[] rows;
      private final float[] tracin;
      private final float[] retrac;
      private final List<Integer> pending = new ArrayList<>();

      Projected(GaussianProjector proj, int t, long p) {
        this.proj = proj;
        this.t = t;
        this.rows = new float[Math.multiplyExact(2 * t, proj.dim())];
        this.tracin = new float[Math.toIntExact(p)];
        this.retrac = new float[Math.toIntExact(p)];
      }

      @Override
      public float[] tracinRow(int tg) {
        return tracin;
      }

      @Override
      public float[] retracRow(int tg) {
        return retrac;
      }

      @Override
      public void complete(int tg) {
        add(tracin, tg);
        add(retrac, t + tg);
        if (tg == t - 1) {
          flush();
        }
      }

      /** Buffers one full-space vector as projected row {@code row}, flushing a full chunk first. */
      private void add(float[] v, int row) {
        if (proj.pending() == proj.capacity()) {
          flush();
        }
        proj.add(v, 0, 1);
        pending.add(row);
        java.util.Arrays.fill(v, 0f);
      }

      private void flush() {
        int k = proj.dim();
        float[] f = proj.flush();
        for (int i = 0; i < f.length / k; i++) {
          System.arraycopy(f, i * k, rows, pending.get(i) * k, k);
        }
        pending.subList(0, f.length / k).clear();
      }

      float[] rows() {
        return rows;
      }
    }
  }

  /** Adds a batch of training rows' dot products [count][2T] and gradient norms. */
  interface Accumulator {
    void add(int first, int count, float[] dots, double[] norms);
  }

  static double norm(float[] v, long offset, long len) {
    double sq = 0;
    for (long j = 0; j < len; j++) {
      double x = v[(int) (offset + j)];
      sq += x * x;
    }
    return Math.sqrt(sq);
  }

  static double[] norms(float[] grads, int count, long p) {
    double[] out = new double[count];
    for (int r = 0; r < count; r++) {
      out[r] = norm(grads, r * p, p);
    }
    return out;
  }

  /** The projected variant: target vectors and training gradients through one Gaussian projector. */
  private static final class Projection implements AutoCloseable {
    private final GaussianProjector proj;
    private final long p;

    Projection(ParamTable table, List<String> names, TracInConfig c, long[] plan, int threads) {
      List<String> all = names == null ? table.select(x -> true) : names;
      p = table.count(all);
      proj = new GaussianProjector(table, all, c.projectionDim(), c.projectionSeed(),
          (int) Math.max(plan[0], 1), plan[1], threads);
    }

    /** Fresh target vectors of one checkpoint, projected through this projector. */
    TargetVectors.Projected targets(int t) {
      return new TargetVectors.Projected(proj, t, p);
    }

    /**
     * Streams the training gradients through the projector chunk by chunk (a chunk is a
     * contiguous run of rows) and scores each chunk against the projected target vectors
     * {@code qp} [qRows][k].
     */
    void score(GradientStream stream, ImageRows rows, RowProbes probes, float[] qp, int qRows, long p, TfLinalg la,
        Accumulator acc) {
      int k = proj.dim();
      double[] chunkNorms = new double[proj.capacity()];
      int[] chunkFirst = {0};
      try (TFloat32 qt = TfLinalg.resident(qp, qRows, k)) {
        Runnable flush = () -> {
          int m = proj.pending();
          if (m > 0) {
            // <Pa, Pb> / k estimates <a, b> without bias (P has N(0, 1) entries).
            float[] dots = la.matmulNT(proj.flush(), m, k, qt);
            for (int i = 0; i < dots.length; i++) {
              dots[i] /= k;
            }
            acc.add(chunkFirst[0], m, dots, java.util.Arrays.copyOf(chunkNorms, m));
            chunkFirst[0] += m;
          }
        };
        stream.run(rows, probes, (first, count, grads) -> {
          double[] nr = norms(grads, count, p);
          int done = 0;
          while (done < count) {
            int c = Math.min(count - done, proj.capacity() - proj.pending());
            System.arraycopy(nr, done, chunkNorms, proj.pending(), c);
            proj.add(grads, (int) (done * p), c);
            done += c;
            if (proj.pending() == proj.capacity()) {
              flush.run();
            }
          }
        });
        flush.run();
      }
    }

    @Override
    public void close() {
      proj.close();
    }
  }
}
