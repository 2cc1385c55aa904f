package org.tdabench.models.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.config.TrainConfig;
import org.tdabench.models.train.FleetGraph;
import org.tdabench.models.train.FleetGraphs;
import org.tdabench.models.train.FleetMemory;
import org.tdabench.models.train.FleetMember;
import org.tdabench.models.train.FleetTrainer;
import org.tdabench.models.train.TrainingData;

/**
 * Models trained per hour alone and in fleets: real fleet trainings (host data order and
 * augmentation, masked AdamW, EMA, validation) of one epoch of the preset's steps on synthetic
 * images, timed after a warm-up that builds and optimises the graph; models/hour extrapolates the
 * epoch to the preset's full schedule. Throughput is compared with the fp32 GEMM throughput of the
 * same run and thread count.
 */
public final class FleetBenchmark {
  private final ModelPreset preset;
  private final int steps;

  /** @param steps timed steps per model (one epoch of that many steps) */
  public FleetBenchmark(ModelPreset preset, int steps) {
    this.preset = preset;
    this.steps = steps;
  }

  /**
   * One measured configuration.
   *
   * @param models models trained in total
   * @param fleets fleets run side by side (each on its own Java thread)
   * @param threads intra-op threads per fleet
   * @param seconds wall seconds of the timed epoch
   * @param cpuSeconds process CPU seconds of the timed epoch (all threads)
   * @param modelsPerHour models of the preset's full schedule per hour at this rate
   * @param gflops achieved training GFLOP/s (matrix products only, see {@link FlopCounter})
   * @param cpuGflops the same work per CPU second (insensitive to other processes' load)
   * @param gemm the same-run GEMM reference just before this row, with as many threads as cores used
   * @param peakRssMiB the process's resident high-water mark during the run (-1: unknown)
   * @param estimatedMiB {@link org.tdabench.models.train.FleetMemory}'s estimate for one fleet
   */
  public record Result(int models, int fleets, int threads, double seconds, double cpuSeconds, double modelsPerHour,
      double gflops, double cpuGflops, GemmReference.Figures gemm, double peakRssMiB, double estimatedMiB) {
    public int cores() {
      return fleets * threads;
    }

    /** Achieved GFLOP/s over the same-run GEMM's (wall clock). */
    public double gemmRatio() {
      return gflops / gemm.gflops();
    }

    /** The same ratio per CPU second of each. */
    public double cpuGemmRatio() {
      return cpuGflops / gemm.cpuGflops();
    }
  }

  /** Trains {@code models} models as {@code fleets} equal fleets side by side, {@code threads} threads each. */
  public Result measure(int models, int fleets, int threads) throws Exception {
    if (models % fleets != 0) {
      throw new IllegalArgumentException(models + " models do not split into " + fleets + " fleets");
    }
    int per = models / fleets;
    // One single-thread executor per fleet: each keeps its compiled graph between the runs.
    List<ExecutorService> pool = new ArrayList<>();
    for (int k = 0; k < fleets; k++) {
      pool.add(Executors.newSingleThreadExecutor());
    }
    try {
      // Warm-up: build and optimise each worker's graph (cached per thread) with a two-step epoch.
      runAll(pool, fleets, per, threads, config(2));
      GemmReference.Figures gemm = GemmReference.measure(1024, fleets * threads, 5);
      PeakMemory.resetPeak();
      long c0 = PeakMemory.processCpuNanos();
      long t0 = System.nanoTime();
      runAll(pool, fleets, per, threads, config(steps));
      double sec = (System.nanoTime() - t0) / 1e9;
      double cpu = (PeakMemory.processCpuNanos() - c0) / 1e9;
      double peak = PeakMemory.residentPeakMiB();
      TrainConfig full = preset.train();
      double modelSeconds = sec / models * ((double) full.maxSteps() / steps);
      double flops = FlopCounter.trainStep(preset.arch(), full.batchSize()) * models * steps;
      runAll(pool, fleets, per, threads, null); // release the workers' graphs
      double est = FleetMemory.estimateBytes(preset.spec(), preset.train(), preset.train().validationLimit() > 0
          ? Math.min(64, preset.train().validationLimit()) : 64, per) / (1024.0 * 1024.0);
      return new Result(models, fleets, threads, sec, cpu, 3600 / modelSeconds, flops / sec / 1e9, flops / cpu / 1e9,
          gemm, peak, est);
    } finally {
      pool.forEach(ExecutorService::shutdown);
    }
  }

  /**
   * Op types by summed wall microseconds of one traced training step of a fleet of {@code models}
   * (after two untraced steps), and the untraced step's wall microseconds under the key "(step)".
   */
  public java.util.Map<String, Long> profile(int models, int threads) {
    var spec = preset.spec();
    TrainConfig cfg = preset.train();
    int b = cfg.batchSize();
    int d = spec.imageSize();
    int cd = Math.max(spec.condDim(), 1);
    java.util.Map<String, Long> ops = new java.util.HashMap<>();
    try (FleetGraph g = new FleetGraph(spec, cfg, threads, models, 1)) {
      var table = org.tdabench.models.nn.DitEdmParams.of(spec.arch());
      java.util.Map<String, float[]> init = org.tdabench.models.ModelWeights.initial(table, SeedTree.root(0)).tensors();
      for (int f = 0; f < models; f++) {
        g.start(f, init);
      }
      float[] x = pixels(models * b, 3);
      float[] y = new float[models * b * cd];
      long[] seeds = new long[2 * models];
      boolean[] on = new boolean[models];
      java.util.Arrays.fill(on, true);
      var feed = new FleetGraph.StepFeed(x, y, new int[models * b], seeds, fill(models, 1e-4f), fill(models, 1e-6f),
          fill(models, 0.9f), fill(models, 0.999f), fill(models, 3e-10f), on);
      g.step(feed);
      long t0 = System.nanoTime();
      g.step(feed);
      ops.put("(step)", (System.nanoTime() - t0) / 1000);
      g.step(feed, (op, us) -> ops.merge(op, us, Long::sum));
    }
    return ops;
  }

  private static float[] fill(int n, float v) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  private TrainConfig config(int stepsPerEpoch) {
    return preset.train().withStepsPerEpoch(stepsPerEpoch).withMaxEpochs(1);
  }

  private void runAll(List<ExecutorService> pool, int fleets, int per, int threads, TrainConfig cfg) throws Exception {
    List<Future<?>> fs = new ArrayList<>();
    for (int k = 0; k < fleets; k++) {
      int fleet = k;
      fs.add(pool.get(k).submit(() -> {
        if (cfg == null) {
          FleetGraphs.release();
          return null;
        }
        List<FleetMember> ms = new ArrayList<>();
        for (int i = 0; i < per; i++) {
          ms.add(member(fleet * per + i));
        }
        new FleetTrainer(preset.spec(), cfg, threads).train(ms).forEach(o -> o.orThrow());
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
  }

  /** A member on its own synthetic training set (smooth random images), validated on a fixed set. */
  private FleetMember member(int i) {
    int n = Math.max(preset.train().batchSize() * 2, 64);
    return new FleetMember("bench-" + i, images(n, 100 + i), images(Math.max(1, preset.train().validationLimit()), 7),
        SeedTree.root(i).child("bench"));
  }

  private float[] pixels(int n, long seed) {
    int d = preset.spec().imageSize();
    CounterRng r = new CounterRng(seed);
    float[] x = new float[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.8 * Math.sin(0.05 * (i % d) + 6.28 * r.nextDouble()));
    }
    return x;
  }

  private TrainingData images(int n, long seed) {
    int d = preset.spec().imageSize();
    int cd = preset.spec().condDim();
    float[] x = pixels(n, seed);
    float[] y = new float[n * Math.max(cd, 1)];
    for (int i = 0; i < n && cd > 0; i++) {
      y[i * cd + (i % cd)] = 1;
    }
    return TrainingData.ofArrays(x, y, d, cd, null);
  }
}
