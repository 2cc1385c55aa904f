package org.tdabench.methods.gradient;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.methods.api.ProgressSink;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.GradientSpec;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.ModelWeights;

/**
 * Projected gradient features of several row sets, possibly under several models' weights (an
 * ensemble), in one stream: every pass's per-sample gradients go through one model session and one
 * {@link GaussianProjector}, so P is generated once per chunk of rows whichever pass the rows come
 * from. Memory: one gradient batch, the projector's budget, and the features (in memory when
 * small, else files in the scratch folder); never N x p.
 */
public final class FeatureExtractor {
  private FeatureExtractor() {}

  /** One row set under one set of weights. */
  public record Pass(String label, ModelWeights weights, ImageRows rows, RowProbes probes) {}

  /**
   * The features of every pass (in pass order) and where the time went.
   *
   * @param gradientSeconds per pass label, seconds of backward passes
   * @param projectionSeconds seconds of chunked projection (0 for in-graph projection)
   * @param projectionFlops multiply-add FLOPs of the chunked projection
   * @param chunkRows rows per projection chunk; cachedBlocks of totalBlocks blocks of P cached
   */
  public record Result(List<FeatureStore> features, Map<String, Double> gradientSeconds, double projectionSeconds,
      double projectionFlops, int chunkRows, int cachedBlocks, int totalBlocks) {
    /** Seconds of pass {@code i}: its backward passes plus its row share of the projection. */
    public double seconds(List<Pass> passes, int i) {
      long total = 0;
      for (Pass p : passes) {
        total += p.rows().size();
      }
      return gradientSeconds.get(passes.get(i).label())
          + projectionSeconds * passes.get(i).rows().size() / Math.max(1, total);
    }
  }

  /** In-memory limit of all the features of one extraction; beyond it they go to the scratch folder. */
  static final long IN_MEMORY_FEATURES = 1L << 30;

  /**
   * Rows per chunk and bytes of cached P for a budget: the whole of P is cached when it takes at
   * most half the budget (then later chunks skip generation), and the rest buffers rows; one chunk
   * never exceeds the rows there are.
   */
  public static long[] plan(long p, int k, long rows, long memoryBytes) {
    long pBytes = 4L * p * k;
    long cache = pBytes <= memoryBytes / 2 ? pBytes : 0;
    long capacity = Math.max(1, Math.min(rows, (memoryBytes - cache) / (4L * p)));
    return new long[] {capacity, cache};
  }

  public static Result extract(ModelSpec spec, int threads, FeatureConfig cfg, List<Pass> passes, Path scratch,
      ProgressSink progress) {
    long total = 0;
    for (Pass p : passes) {
      total += p.rows().size();
    }
    progress.start("gradient features", total);
    Map<String, Double> gradSec = new LinkedHashMap<>();
    List<FeatureStore> out = new ArrayList<>();
    int k = cfg.projectionDim();
    boolean inMemory = 4L * total * k <= IN_MEMORY_FEATURES;
    for (Pass p : passes) {
      out.add(FeatureStore.create(p.rows().size(), k, inMemory ? Long.MAX_VALUE : 0, scratch));
    }
    try (DitEdmModel model = DitEdmModel.create(spec, threads)) {
      List<String> names = cfg.params() == null ? model.params().select(s -> true) : cfg.params();
      long pCount = model.params().count(names);
      long[] plan = plan(pCount, k, total, cfg.memoryBytes());
      ModelWeights loaded = null;
      long[] done = {0};
      if (cfg.inGraphProjection()) {
        for (int i = 0; i < passes.size(); i++) {
          Pass pass = passes.get(i);
          loaded = load(model, loaded, pass.weights());
          GradientSpec gs = new GradientSpec(cfg.output(), names, pass.probes().perRow(), cfg.normalizePerProbe(), k,
              cfg.projectionSeed(), cfg.batch(), true);
          GradientStream stream = new GradientStream(model, gs);
          FeatureStore dst = out.get(i);
          long t0 = System.nanoTime();
          stream.run(pass.rows(), pass.probes(), (first, count, f) -> {
            dst.write(first, count, f, 0);
            progress.step(done[0] += count);
          });
          gradSec.merge(pass.label(), (System.nanoTime() - t0) / 1e9, Double::sum);
        }
        return new Result(out, gradSec, 0, 0, 0, 0, 0);
      }
      try (GaussianProjector proj = new GaussianProjector(model.params(), names, k, cfg.projectionSeed(),
          (int) plan[0], plan[1], threads)) {
        Chunk chunk = new Chunk(proj);
        for (int i = 0; i < passes.size(); i++) {
          Pass pass = passes.get(i);
          loaded = load(model, loaded, pass.weights());
          GradientStream stream = new GradientStream(model, cfg.output(), names, pass.probes().perRow(),
              cfg.normalizePerProbe(), cfg.batch());
          FeatureStore dst = out.get(i);
          double[] flushSec = {0};
          long t0 = System.nanoTime();
          stream.run(pass.rows(), pass.probes(), (first, count, g) -> {
            flushSec[0] += chunk.add(g, count, dst, first);
            progress.step(done[0] += count);
          });
          gradSec.merge(pass.label(), (System.nanoTime() - t0) / 1e9 - flushSec[0], Double::sum);
        }
        chunk.flush();
        return new Result(out, gradSec, proj.seconds(), proj.flops(), proj.capacity(), proj.cachedBlocks(),
            proj.blocks());
      }
    }
  }

  private static ModelWeights load(DitEdmModel m, ModelWeights loaded, ModelWeights w) {
    if (w != loaded) {
      m.load(w);
    }
    return w;
  }

  /** Rows buffered in the projector and where their features go. */
  private static final class Chunk {
    private record Segment(FeatureStore dst, int firstRow, int count) {}

    private final GaussianProjector proj;
    private final List<Segment> segments = new ArrayList<>();

    Chunk(GaussianProjector proj) {
      this.proj = proj;
    }

    /** Buffers rows (flushing whenever the chunk fills); returns the seconds spent flushing. */
    double add(float[] grads, int count, FeatureStore dst, int firstRow) {
      double sec = 0;
      int p = grads.length / count;
      int done = 0;
      while (done < count) {
        int c = Math.min(count - done, proj.capacity() - proj.pending());
        proj.add(grads, done * p, c);
        segments.add(new Segment(dst, firstRow + done, c));
        done += c;
        if (proj.pending() == proj.capacity()) {
          long t0 = System.nanoTime();
          flush();
          sec += (System.nanoTime() - t0) / 1e9;
        }
      }
      return sec;
    }

    void flush() {
      float[] f = proj.flush();
      int row = 0;
      for (Segment s : segments) {
        s.dst().write(s.firstRow(), s.count(), f, row * proj.dim());
        row += s.count();
      }
      segments.clear();
    }
  }
}
