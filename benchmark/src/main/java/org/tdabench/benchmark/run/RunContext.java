package org.tdabench.benchmark.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.tdabench.benchmark.store.ArtifactStore;
import org.tdabench.benchmark.store.Json;
import org.tdabench.core.SeedTree;
import org.tdabench.core.UserError;
import org.tdabench.datasets.Datasets;
import org.tdabench.datasets.PreparedDataset;
import org.tdabench.datasets.Split;
import org.tdabench.models.config.ModelPreset;

/**
 * The resolved run: the presets, the prepared dataset (train and test splits as image sets), the
 * artifact store and the seed tree. Built from a {@link RunConfig} and cached per process, so every
 * job of a run sees the same context whether it runs here or on another node.
 */
final class RunContext {
  private static final Map<String, RunContext> OPEN = new HashMap<>();

  final RunConfig config;
  final BenchmarkPreset preset;
  final ModelPreset model;
  final PreparedDataset data;
  final PreparedImageSet train;
  final PreparedImageSet test;
  final ArtifactStore store;
  final SeedTree seeds;
  /** Identity of the prepared data (its folder name carries the preparation recipe's hash). */
  final String dataId;

  private RunContext(RunConfig config) {
    this.config = config;
    this.preset = BenchmarkPresets.get(config.preset());
    String dataset = config.effectiveDataset();
    this.data = Datasets.open(dataset, BoundModel.prepareOptions(preset, dataset, config.cache()));
    this.model = BoundModel.bind(preset, dataset, data.channels(), data.resolution(), data.condDim());
    // An unconditional model (the reference's CIFAR-10) never sees the data's conditions: the sets
    // then have none, so targets, methods and trainings are unconditional too.
    boolean conditional = !model.arch().unconditional();
    this.train = new PreparedImageSet(data, data.rows(Split.TRAIN), conditional);
    this.test = new PreparedImageSet(data, data.rows(Split.TEST), conditional);
    if (train.size() == 0 || test.size() == 0) {
      throw new UserError("dataset " + dataset + " needs both a train and a test split");
    }
    try {
      this.store = ArtifactStore.open(config.cache().resolve("store"), 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.seeds = SeedTree.root(config.seed());
    this.dataId = data.folder().getFileName().toString();
  }

  /** The context of {@code config}, opened once per process. */
  static synchronized RunContext open(RunConfig config) {
    String key = Json.canonical(config.toJson());
    return OPEN.computeIfAbsent(key, k -> new RunContext(config));
  }

  /** Folder for resumable work of unfinished artifacts (e.g. training checkpoints). */
  Path workFolder() {
    return store.root().resolve("work");
  }
}
