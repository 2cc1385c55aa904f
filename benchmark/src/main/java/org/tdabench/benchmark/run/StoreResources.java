package org.tdabench.benchmark.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.tdabench.benchmark.lds.SubsetMasks;
import org.tdabench.benchmark.lds.SubsetSampler;
import org.tdabench.benchmark.store.Artifact;
import org.tdabench.benchmark.store.Recipe;
import org.tdabench.methods.api.Scores;
import org.tdabench.methods.api.TaskResources;
import org.tdabench.models.config.TrainConfig;
import org.tdabench.models.train.TrainResult;

/** {@link TaskResources} backed by the artifact store: everything is computed once and reused. */
final class StoreResources implements TaskResources {
  private final RunContext ctx;
  private final int seed;
  private final Artifact model;

  StoreResources(RunContext ctx, int seed, Artifact model) {
    this.ctx = ctx;
    this.seed = seed;
    this.model = model;
  }

  @Override
  public TrainConfig trainConfig() {
    return ctx.model.train();
  }

  @Override
  public List<TrainResult.TracInCheckpoint> trainingCheckpoints() {
    return TrainStage.checkpoints(model);
  }

  /**
   * The first {@code m} models of the LDS tuning family (seed 0): alpha = 0.5 subsets that the
   * evaluation never uses, shared with the hyper-parameter selection.
   */
  @Override
  public List<SubsetModel> subsetModels(int m) {
    SubsetMasks masks = LdsStage.masks(ctx, SubsetSampler.TUNE, Math.max(m, ctx.preset.tuneSubsets()));
    List<SubsetModel> out = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      Artifact a = TrainStage.train(ctx, LdsStage.request(ctx, SubsetSampler.TUNE, j, 0, masks.members(j)));
      out.add(new SubsetModel(TrainStage.ema(a), masks.members(j)));
    }
    return out;
  }

  @Override
  public Scores scoresOf(String method) {
    return Tuning.scores(ctx, method, seed);
  }

  @Override
  public float[] cached(String key, Supplier<float[]> compute) {
    Recipe r = ctx.recipe("method-cache", "methods.cache", "1").withConfig("key", key)
        .withInput("model", model.hash()).withSeed("root", ctx.config.seed());
    try {
      Artifact a = ctx.store.getOrCompute(r, pc -> {
        float[] v = compute.get();
        FloatArrays.write(pc.folder().resolve("array.npy"), v, v.length);
      });
      return FloatArrays.read(a.file("array.npy"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
