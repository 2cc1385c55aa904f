package org.tdabench.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.ImageSet;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.methods.api.Methods;
import org.tdabench.methods.api.ProgressSink;
import org.tdabench.methods.api.Scores;
import org.tdabench.methods.api.TaskResources;
import org.tdabench.methods.api.Targets;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.config.ModelPresets;
import org.tdabench.models.config.TrainConfig;
import org.tdabench.models.nn.DitEdmParams;
import org.tdabench.models.train.TrainResult;
import org.tdabench.models.train.Trainer;

/**
 * The paper-scale smoke: every installed method through the real paper-cifar10 model as a run binds
 * it to CIFAR-10 (unconditional 3x32x32, 99,787,890 parameters) on a handful of images, a step or
 * two each, so that what only breaks at that size (int overflow, arrays past 2^31 elements, memory
 * guards, projection layouts) breaks here, on a CPU. The options shrink the work (probes, steps,
 * projection dimension, batch, one target), never the model. TracIn and ReTrac attribute 12 targets:
 * their 2 T x p target vectors (2.4e9 floats) exceed a Java array, so only the streaming projection
 * can run, and its chunk of 3 rows (odd) splits a target's TracIn/ReTrac pair.
 */
@EnabledIfSystemProperty(named = "tdabench.paper-smoke", matches = "true",
    disabledReason = "about 20 minutes on two cores: -Dtdabench.paper-smoke=true (docs/fidelity.md)")
class PaperScaleSmokeIT {
  @TempDir
  Path dir;

  static final int N = 4;

  /** Work per method shrunk to a handful; the parameters stay the paper model's. */
  static final Map<String, Map<String, String>> OPTIONS = Map.of(
      "mucs", Map.of("num_noises", "2", "step_cap", "1", "null_batches", "1", "eval_batch", "8"),
      "abu", Map.of("unlearn_batch_size", "2", "unlearn_grad_accum_steps", "1", "fisher_epochs", "1",
          "fisher_batch_size", "2", "loss_time_samples", "2", "eval_batch", "8"),
      "trak", Map.of("sigmas", "1", "projection_dim", "4", "batch", "2"),
      "dtrak", Map.of("sigmas", "1", "projection_dim", "4", "batch", "2"),
      "das", Map.of("sigmas", "1", "projection_dim", "4", "batch", "2", "residual_probes", "1"),
      "tracin", Map.of("target_sigmas", "1", "target_noises", "1", "projection_dim", "4", "batch", "2"),
      "retrac", Map.of("target_sigmas", "1", "target_noises", "1", "projection_dim", "4", "batch", "2"),
      "dit-feature", Map.of());

  @Test
  void everyMethodRunsThroughThePaperModel() {
    ModelPreset paper = ModelPresets.get("paper-cifar10").forData(3, 32, 32, 10);
    ModelSpec spec = paper.spec();
    assertEquals(99_787_890L, DitEdmParams.of(spec.arch()).count());
    int d = spec.imageSize();
    ImageSet train = images(N, d, 1);
    // One step at batch 2, a TracIn checkpoint after it.
    TrainConfig tc = new TrainConfig(2, 1e-4, 0.01, 0.9, 0.999, 1e-8, 1, 1, 1, 20, 0.999, 0.12, 2);
    long t0 = System.nanoTime();
    TrainResult trained = new Trainer(spec, tc, 1).withTracInEvery(1).train(train, train, SeedTree.root(5));
    System.out.printf("train: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    assertEquals(1, trained.tracin().size());

    Resources res = new Resources(tc, trained);
    Set<String> skipped = new TreeSet<>();
    List<AttributionMethod> order = new ArrayList<>(Methods.installed());
    order.sort((a, b) -> Boolean.compare(a.name().equals("ensemble"), b.name().equals("ensemble")));
    for (AttributionMethod m : order) {
      int t = m.name().equals("tracin") || m.name().equals("retrac") ? 12 : 1;
      Targets targets = targets(train, t);
      AttributionTask task = new AttributionTask(spec, trained.bestEma(), train, targets,
          new MethodOptions(m.name(), m.options(), OPTIONS.getOrDefault(m.name(), Map.of())),
          SeedTree.root(7).child("method").child(m.name()), 1, res, ProgressSink.NONE, dir);
      Optional<String> why = m.unavailableReason(task);
      if (why.isPresent()) {
        skipped.add(m.name());
        continue;
      }
      long s0 = System.nanoTime();
      Scores s = m.attribute(task);
      System.out.printf("%s: %.1f s%n", m.name(), (System.nanoTime() - s0) / 1e9);
      assertEquals(t, s.targets(), m.name());
      assertEquals(N, s.train(), m.name());
      for (float v : s.values()) {
        assertTrue(Float.isFinite(v), m.name() + " gave " + v);
      }
      res.scores.put(m.name(), s);
    }
    // Unconditional model: nothing to compare for condition; no SavedModel backbone for feature.
    assertEquals(Set.of("condition", "feature"), skipped);
  }

  /** Smooth random images (flat NHWC in [-1, 1]), unconditional. */
  static ImageSet images(int n, int d, long seed) {
    float[] x = new float[n * d];
    CounterRng r = new CounterRng(seed);
    long[] ids = new long[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = 10 + i;
      labels[i] = i % 10;
      double a = r.nextDouble() * 2 - 1;
      double b = r.nextDouble() * 2 - 1;
      for (int p = 0; p < d; p++) {
        int col = (p / 3) % 32;
        x[i * d + p] = (float) (0.6 * a + 0.3 * b * (col - 15.5) / 15.5);
      }
    }
    return ImageSet.ofArrays(x, null, d, 0, ids, labels);
  }

  /** t targets: the training images, slightly perturbed after the first round. */
  static Targets targets(ImageSet train, int t) {
    int d = train.imageSize();
    float[] x = new float[t * d];
    List<Targets.Target> info = new ArrayList<>();
    for (int i = 0; i < t; i++) {
      train.image(i % train.size(), x, i * d);
      for (int p = 0; p < d; p++) {
        x[i * d + p] += 0.01f * (i / train.size());
      }
      info.add(new Targets.Target(Targets.Kind.SELF, train.id(i % train.size()), 0));
    }
    return new Targets(x, null, info);
  }

  /** The trained run's checkpoints, earlier methods' scores (for the ensemble), a map cache. */
  static final class Resources implements TaskResources {
    final TrainConfig config;
    final TrainResult trained;
    final Map<String, Scores> scores = new LinkedHashMap<>();
    final Map<String, float[]> cache = new HashMap<>();

    Resources(TrainConfig config, TrainResult trained) {
      this.config = config;
      this.trained = trained;
    }

    @Override
    public TrainConfig trainConfig() {
      return config;
    }

    @Override
    public List<TrainResult.TracInCheckpoint> trainingCheckpoints() {
      return trained.tracin();
    }

    @Override
    public List<SubsetModel> subsetModels(int m) {
      throw new UnsupportedOperationException("the smoke uses the attributed model only");
    }

    @Override
    public Scores scoresOf(String method) {
      Scores s = scores.get(method);
      if (s == null) {
        throw new IllegalStateException(method + " has not run");
      }
      return s;
    }

    @Override
    public float[] cached(String key, Supplier<float[]> compute) {
      return cache.computeIfAbsent(key, k -> compute.get());
    }
  }
}
