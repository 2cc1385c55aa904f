package org.tdabench.benchmark.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;
import org.tdabench.core.UserError;
import org.tdabench.datasets.Split;
import org.tdabench.datasets.procedural.ProceduralConfig;
import org.tdabench.datasets.procedural.ProceduralGenerator;
import org.tdabench.datasets.prepared.Sample;
import org.tdabench.methods.api.ImageSet;
import org.tdabench.methods.api.Scores;
import org.tdabench.methods.api.TaskResources;
import org.tdabench.methods.api.Targets;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.config.TrainConfig;
import org.tdabench.models.nn.DitEdmParams;
import org.tdabench.models.train.TrainResult;
import org.tdabench.models.train.Trainer;

/**
 * What {@link BenchAttributionCommand} attributes with: procedural images generated in memory, a
 * model of the preset (trained for a few epochs, or its initialisation perturbed), training images
 * as their own targets, and in-memory task resources.
 */
final class BenchAttributionSetup {
  private BenchAttributionSetup() {}

  /** The procedural dataset at the preset's resolution, images in [-1, 1], one-hot conditions. */
  static ImageSet procedural(ModelSpec spec, Split split, int n, long seed) {
    int res = spec.arch().imageHeight();
    int d = spec.imageSize();
    int cd = spec.condDim();
    ProceduralGenerator gen = new ProceduralGenerator(ProceduralConfig.of(Math.max(n, 2), Math.max(n, 1), res, seed));
    float[] x = new float[n * d];
    float[] y = new float[n * cd];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      Sample smp = gen.sample(split, i);
      byte[] px = smp.image().data();
      if (px.length != d) {
        throw new UserError("the preset expects " + d + " values per image, the procedural set has " + px.length);
      }
      for (int j = 0; j < d; j++) {
        x[i * d + j] = ((px[j] & 0xff) / 255f - 0.5f) / 0.5f;
      }
      if (cd > 0) {
        System.arraycopy(smp.cond(), 0, y, i * cd, Math.min(cd, smp.cond().length));
      }
      labels[i] = smp.label();
    }
    return ImageSet.ofArrays(x, cd > 0 ? y : null, d, cd, null, labels);
  }

  /**
   * EMA weights after {@code epochs} epochs of the preset's training, or (epochs = 0) the
   * initialisation with every tensor perturbed by N(0, 0.05^2): a fresh model's zero-initialised
   * output layer would make every loss and gradient of the subset trivial.
   */
  static ModelWeights model(ModelPreset p, ImageSet train, int epochs, long seed, SeedTree root, int threads) {
    ModelSpec spec = p.spec();
    if (epochs > 0) {
      TrainConfig tc = p.train().withMaxEpochs(epochs);
      ImageSet val = procedural(spec, Split.TEST, Math.min(64, train.size()), seed);
      TrainResult r = new Trainer(spec, tc, threads).train(train, val, root.child("model"));
      System.out.printf(Locale.ROOT, "trained %d epochs (%d steps) in %.1f s, best validation loss %.4f%n", r.epochs(),
          r.steps(), r.seconds(), r.bestValidationLoss());
      return r.bestEma();
    }
    ModelWeights w = ModelWeights.initial(DitEdmParams.of(spec.arch()), root.child("init"));
    Map<String, float[]> out = new LinkedHashMap<>();
    for (String name : w.names()) {
      float[] v = w.get(name).clone();
      CounterRng r = root.child("perturb").child(name).rng();
      for (int i = 0; i < v.length; i++) {
        v[i] += (float) (0.05 * r.nextGaussian());
      }
      out.put(name, v);
    }
    return w.with(out);
  }

  /** The given training rows as their own targets. */
  static Targets selfTargets(ImageSet train, int[] rows) {
    int d = train.imageSize();
    int cd = train.condDim();
    float[] x = new float[rows.length * d];
    float[] y = cd == 0 ? null : new float[rows.length * cd];
    List<Targets.Target> info = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      train.image(rows[i], x, i * d);
      if (y != null) {
        train.cond(rows[i], y, i * cd);
      }
      info.add(new Targets.Target(Targets.Kind.SELF, train.id(rows[i]), 0));
    }
    return new Targets(x, y, info);
  }

  static Path scratch() {
    try {
      Path p = Files.createTempDirectory("tdabench-bench-attribution-");
      p.toFile().deleteOnExit();
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** In-memory resources: the preset's training config and a map cache; nothing else is needed. */
  record Resources(TrainConfig trainConfig, Map<String, float[]> cache) implements TaskResources {
    Resources(TrainConfig trainConfig) {
      this(trainConfig, new HashMap<>());
    }

    @Override
    public List<TrainResult.TracInCheckpoint> trainingCheckpoints() {
      throw new UserError("bench attribution keeps no training checkpoints");
    }

    @Override
    public List<SubsetModel> subsetModels(int m) {
      throw new UserError("bench attribution trains no subset models");
    }

    @Override
    public Scores scoresOf(String method) {
      throw new UserError("bench attribution runs one method");
    }

    @Override
    public float[] cached(String key, Supplier<float[]> compute) {
      float[] v = cache.get(key);
      if (v == null) {
        v = compute.get();
        cache.put(key, v);
      }
      return v;
    }
  }
}
