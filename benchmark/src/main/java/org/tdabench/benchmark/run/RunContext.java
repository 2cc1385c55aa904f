package org.tdabench.benchmark.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.tdabench.benchmark.machine.NumericsEnvironment;
import org.tdabench.benchmark.store.ArtifactStore;
import org.tdabench.benchmark.store.Json;
import org.tdabench.benchmark.store.Recipe;
import org.tdabench.core.SeedTree;
import org.tdabench.core.UserError;
import org.tdabench.datasets.Datasets;
import org.tdabench.datasets.PrepareOptions;
import org.tdabench.datasets.PreparedDataset;
import org.tdabench.datasets.Split;
import org.tdabench.datasets.procedural.ProceduralConfig;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.config.ModelPresets;

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
  /** The numerics environment: part of every recipe, so other flags never reuse these artifacts. */
  final NumericsEnvironment numerics;
  /** The artifacts behind the run's numbers (for provenance). */
  final ArtifactLedger ledger = new ArtifactLedger();
  /** Each method's chosen hyper-parameter candidate ("" for none), see {@link Tuning}. */
  final java.util.concurrent.ConcurrentHashMap<String, String> tuning = new java.util.concurrent.ConcurrentHashMap<>();

  private RunContext(RunConfig config, ArtifactStore store) {
    this.config = config;
    this.preset = BenchmarkPresets.get(config.preset());
    String dataset = config.effectiveDataset();
    PrepareOptions po = PrepareOptions.defaults().withCache(config.cache());
    if (dataset.equals("procedural")) {
      ModelPreset mp = ModelPresets.get(preset.model());
      int res = preset.resolution() > 0 ? preset.resolution() : mp.arch().imageHeight();
      ProceduralConfig pc = ProceduralConfig.defaults().withResolution(res);
      if (preset.trainSize() > 0) {
        pc = pc.withSizes(preset.trainSize(), preset.testSize());
      }
      po = po.withProcedural(pc);
    }
    this.data = Datasets.open(dataset, po);
    ModelPreset mp = ModelPresets.get(preset.model());
    if (data.resolution() % mp.arch().patch() != 0) {
      throw new UserError("dataset " + dataset + " has " + data.resolution() + " px images, which the "
          + mp.name() + " model cannot patch; choose another preset or resolution");
    }
    this.model = mp.forData(data.channels(), data.resolution(), data.resolution(), data.condDim());
    this.train = new PreparedImageSet(data, data.rows(Split.TRAIN));
    this.test = new PreparedImageSet(data, data.rows(Split.TEST));
    if (train.size() == 0 || test.size() == 0) {
      throw new UserError("dataset " + dataset + " needs both a train and a test split");
    }
    this.store = store != null ? store : openStore(config);
    this.seeds = SeedTree.root(config.seed());
    this.dataId = data.folder().getFileName().toString();
    this.numerics = NumericsEnvironment.current();
  }

  /** TensorFlow intra-op threads of every job of the run. */
  int threads() {
    return config.threads();
  }

  /**
   * A recipe of this run: every artifact's recipe carries the numerics environment and the thread
   * count, the two things outside the code and the data that can change its bits.
   */
  Recipe recipe(String kind, String component, String version) {
    return Recipe.of(kind, component, version).withConfig("numerics", numerics.variables())
        .withConfig("threads", threads());
  }

  /** The context of {@code config} on its store ({@code <cache>/store}), opened once per process. */
  static RunContext open(RunConfig config) {
    return open(config, null);
  }

  /**
   * The context of {@code config} on {@code store} (null: {@code <cache>/store}), opened once per
   * process and store view.
   */
  static synchronized RunContext open(RunConfig config, ArtifactStore store) {
    String key = Json.canonical(config.toJson()) + (store == null ? "" : "|" + store.root() + "|" + store.computes());
    return OPEN.computeIfAbsent(key, k -> new RunContext(config, store));
  }

  private static ArtifactStore openStore(RunConfig config) {
    try {
      return ArtifactStore.open(config.cache().resolve("store"), 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Folder for resumable work of unfinished artifacts (e.g. training checkpoints). */
  Path workFolder() {
    return store.workFolder();
  }
}
