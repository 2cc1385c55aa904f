package org.tdabench.models.perf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tdabench.core.SeedTree;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.nn.DitEdmParams;
import org.tdabench.models.train.FleetGraph;

/**
 * How to run independent trainings on C cores: C jobs side by side with one TensorFlow thread
 * each ("packed"), or one after another with C threads each. The benchmark harness packs; this
 * measures whether that is right on this machine.
 */
public final class PackingBenchmark {
  private PackingBenchmark() {}

  public static Map<String, Object> run(ModelPreset preset, int cores, int steps) throws Exception {
    ModelSpec spec = preset.spec();
    int b = preset.train().batchSize();
    ModelWeights init = ModelWeights.initial(DitEdmParams.of(spec.arch()), SeedTree.root(0));
    // Sequential: each job alone with all cores.
    long t0 = System.nanoTime();
    for (int j = 0; j < cores; j++) {
      steps(spec, preset, init, cores, steps, j);
    }
    double sequential = (System.nanoTime() - t0) / 1e9;
    // Packed: all jobs at once, one thread each.
    ExecutorService pool = Executors.newFixedThreadPool(cores);
    long t1 = System.nanoTime();
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int j = 0; j < cores; j++) {
        int job = j;
        fs.add(pool.submit(() -> {
          steps(spec, preset, init, 1, steps, job);
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    double packed = (System.nanoTime() - t1) / 1e9;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("jobs", cores);
    out.put("steps_per_job", steps);
    out.put("batch", b);
    out.put("sequential_s", sequential);
    out.put("packed_s", packed);
    out.put("packed_speedup", sequential / packed);
    return out;
  }

  private static void steps(ModelSpec spec, ModelPreset preset, ModelWeights init, int threads, int steps, int job) {
    int b = preset.train().batchSize();
    int d = spec.imageSize();
    int cd = spec.condDim();
    float[] x = new float[b * d];
    float[] y = cd > 0 ? new float[b * cd] : null;
    int[] flags = new int[b];
    try (FleetGraph g = new FleetGraph(spec, preset.train(), threads, 1, 1)) {
      g.start(0, init.tensors());
      for (int s = 0; s < steps; s++) {
        g.step(ModelBenchmark.feed(x, y == null ? new float[b] : y, flags, s + 1000L * job, cd));
      }
    }
  }
}
