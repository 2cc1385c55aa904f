package org.tdabench.methods;

import org.tdabench.models.TinyModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.ImageSet;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.methods.api.ProgressSink;
import org.tdabench.methods.api.Scores;
import org.tdabench.methods.api.TaskResources;
import org.tdabench.methods.api.Targets;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.config.DitEdmConfig;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.config.ModelPresets;
import org.tdabench.models.config.TrainConfig;
import org.tdabench.models.train.TrainResult;
import org.tdabench.models.train.Trainer;

/**
 * Shared fixtures for method tests: a small structured training set (distinct, smooth 8x8 images
 * in a few classes), a tiny DiT-EDM trained on it once per JVM (with training checkpoints), and
 * tasks whose targets are training images themselves (self-retrieval: a sound method ranks the
 * image itself near the top).
 */
public final class TestTasks {
  private TestTasks() {}

  public static final int N = 24;
  private static TrainResult trained;
  private static ModelSpec spec;
  private static ImageSet train;

  /** The tiny preset without dropout (memorisation is the point of a test model). */
  public static synchronized ModelSpec spec() {
    if (spec == null) {
      ModelPreset p = ModelPresets.get("tiny");
      DitEdmConfig a = p.arch();
      DitEdmConfig noDrop = new DitEdmConfig(a.imageChannels(), a.imageHeight(), a.imageWidth(), a.condDim(),
          a.frontendChannels(), a.frontendResample(), a.frontendKernel(), a.lastFactor(), a.patch(),
          a.extraTokens(), 48, a.depth(), a.heads(), 4, 0.0, 48, a.fourierFeatures());
      spec = new ModelSpec(noDrop, p.edm(), p.sampler());
    }
    return spec;
  }

  public static TrainConfig trainConfig() {
    return new TrainConfig(8, 5e-3, 0.01, 0.9, 0.999, 1e-8, 100, 12, 1, 100, 0.9, 0.0, 0);
  }

  /** N images: class k = i % 4 sets a colour pattern; each image gets its own smooth variation. */
  public static synchronized ImageSet trainSet() {
    if (train == null) {
      ModelSpec s = spec();
      int d = s.imageSize();
      int cd = s.condDim();
      float[] x = new float[N * d];
      float[] y = new float[N * cd];
      int[] labels = new int[N];
      long[] ids = new long[N];
      CounterRng r = new CounterRng(12345);
      for (int i = 0; i < N; i++) {
        int k = i % 4;
        labels[i] = k;
        ids[i] = 100 + i;
        y[i * cd + k] = 1f;
        double a = r.nextDouble() * 2 - 1;
        double b = r.nextDouble() * 2 - 1;
        double c = r.nextDouble() * 2 - 1;
        for (int p = 0; p < d; p++) {
          int ch = p % 3;
          int col = (p / 3) % 8;
          int row = p / 24;
          double base = (ch == k % 3 ? 0.5 : -0.3) * (k < 3 ? 1 : -1);
          double v = base + 0.35 * (a * (col - 3.5) / 3.5 + b * (row - 3.5) / 3.5) + 0.15 * c;
          x[i * d + p] = (float) Math.max(-1, Math.min(1, v));
        }
      }
      train = ImageSet.ofArrays(x, y, d, cd, ids, labels);
    }
    return train;
  }

  /** The tiny model trained on {@link #trainSet()} (once per JVM), checkpoints every 4 epochs. */
  public static synchronized TrainResult trained() {
    if (trained == null) {
      trained = new Trainer(spec(), trainConfig(), TinyModels.threads()).withTracInEvery(4)
          .train(trainSet(), trainSet(), SeedTree.root(2024).child("model"));
    }
    return trained;
  }

  /** Targets = the given training rows (self-retrieval). */
  public static Targets selfTargets(int... rows) {
    ImageSet t = trainSet();
    int d = t.imageSize();
    int cd = t.condDim();
    float[] x = new float[rows.length * d];
    float[] y = new float[rows.length * cd];
    List<Targets.Target> info = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      t.image(rows[i], x, i * d);
      t.cond(rows[i], y, i * cd);
      info.add(new Targets.Target(Targets.Kind.SELF, t.id(rows[i]), 0));
    }
    return new Targets(x, y, info);
  }

  /** A task for {@code method} on the trained tiny model with option overrides. */
  public static AttributionTask task(AttributionMethod method, Targets targets, Map<String, String> options, Path scratch) {
    TrainResult r = trained();
    return new AttributionTask(spec(), r.bestEma(), trainSet(), targets,
        new MethodOptions(method.name(), method.options(), options), SeedTree.root(7).child("method").child(method.name()),
        TinyModels.threads(), new Resources(r), ProgressSink.NONE, scratch);
  }

  /** Rank (0 = top) of column {@code col} in row {@code row} of the scores. */
  public static int rank(Scores s, int row, int col) {
    float v = s.get(row, col);
    int rank = 0;
    for (int i = 0; i < s.train(); i++) {
      if (s.get(row, i) > v) {
        rank++;
      }
    }
    return rank;
  }

  /** In-memory resources: the fixture's checkpoints; subset models trained on demand; a map cache. */
  public static final class Resources implements TaskResources {
    private final TrainResult result;
    private final Map<String, float[]> cache = new HashMap<>();
    private final Map<String, Scores> scores = new HashMap<>();
    private final Map<String, AttributionMethod> methods = new HashMap<>();

    public Resources(TrainResult result) {
      this.result = result;
    }

    @Override
    public TrainConfig trainConfig() {
      return TestTasks.trainConfig();
    }

    @Override
    public List<TrainResult.TracInCheckpoint> trainingCheckpoints() {
      return result.tracin();
    }

    @Override
    public List<SubsetModel> subsetModels(int m) {
      List<SubsetModel> out = new ArrayList<>();
      for (int j = 0; j < m; j++) {
        int[] perm = SeedTree.root(99).child("subset", j).rng().permutation(N);
        int[] rows = java.util.Arrays.copyOf(perm, N / 2);
        java.util.Arrays.sort(rows);
        ImageSet sub = trainSet().subset(rows);
        TrainResult r = new Trainer(spec(), trainConfig(), TinyModels.threads()).train(sub, sub, SeedTree.root(99).child("model", j));
        out.add(new SubsetModel(r.bestEma(), rows));
      }
      return out;
    }

    /** Registers a method whose scores {@link #scoresOf} computes (for ensemble tests). */
    public void register(AttributionMethod m, Supplier<Scores> s) {
      methods.put(m.name(), m);
      scores.put(m.name(), s.get());
    }

    @Override
    public Scores scoresOf(String method) {
      Scores s = scores.get(method);
      if (s == null) {
        throw new IllegalStateException("no scores registered for " + method);
      }
      return s;
    }

    @Override
    public float[] cached(String key, Supplier<float[]> compute) {
      return cache.computeIfAbsent(key, k -> compute.get());
    }
  }

  /** Model weights of the fixture (for tests that need a session directly). */
  public static ModelWeights weights() {
    return trained().bestEma();
  }
}
