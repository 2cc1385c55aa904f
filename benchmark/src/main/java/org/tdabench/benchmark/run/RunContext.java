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
import org.tdabench.datasets.PreparedDataset;
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
  final RunImages train;
  final RunImages test;
  private org.tdabench.methods.api.ImageSet validation;
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
    int trainSize = config.trainSize() > 0 ? config.trainSize() : preset.trainSize();
    boolean procedural = dataset.equals("procedural");
    this.data = Datasets.open(dataset, BoundModel.prepareOptions(preset, dataset, trainSize, config.cache()));
    SeedTree root = SeedTree.root(config.seed());
    // Real data at a CPU preset's scale: a seeded, class-stratified sample at the preset's resolution.
    DataSelection sel = DataSelection.of(data, procedural ? 0 : trainSize, procedural ? 0 : preset.testSize(),
        config.classes(), root);
    int side = BoundModel.side(preset, data.resolution());
    this.model = BoundModel.bind(preset, dataset, data.channels(), side, data.condDim());
    // An unconditional model (the reference's CIFAR-10) never sees the data's conditions: the sets
    // then have none, so targets, methods and trainings are unconditional too.
    boolean conditional = !model.arch().unconditional();
    boolean resize = side != data.resolution();
    this.train = resize ? new ResizedImageSet(data, sel.trainRows(), side, conditional)
        : new PreparedImageSet(data, sel.trainRows(), conditional);
    this.test = resize ? new ResizedImageSet(data, sel.testRows(), side, conditional)
        : new PreparedImageSet(data, sel.testRows(), conditional);
    if (train.size() == 0 || test.size() == 0) {
      throw new UserError("dataset " + dataset + " needs both a train and a test split"
          + (sel.classes().isEmpty() ? "" : " with images of classes " + sel.classes()));
    }
    RunSizes.check(preset, model, train.size(), test.size(), dataset);
    this.store = store != null ? store : openStore(config);
    this.seeds = root;
    String base = data.folder().getFileName().toString();
    this.dataId = procedural && !resize && sel.classes().isEmpty() ? base
        : base + "|" + sel.id() + "|side=" + side;
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
  /**
   * The early-stopping set of every training: the test items minus seed 0's val targets, so that
   * no held-out target ever steered when a model stopped (the val targets' LDS then measures
   * attribution to images no model saw in any way).
   */
  synchronized org.tdabench.methods.api.ImageSet validation() {
    if (validation == null) {
      java.util.Set<Integer> held = new java.util.HashSet<>();
      for (int i : TargetStage.picks(this, 0).valItems()) {
        held.add(i);
      }
      int[] rows = java.util.stream.IntStream.range(0, test.size()).filter(i -> !held.contains(i)).toArray();
      validation = test.subset(rows);
    }
    return validation;
  }

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
