package org.tdabench.benchmark.run;

import java.util.Map;
import org.tdabench.benchmark.exec.CostModel;
import org.tdabench.benchmark.exec.Job;
import org.tdabench.benchmark.exec.JobCost;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.methods.api.Methods;
import org.tdabench.models.config.DitEdmConfig;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.config.ModelPresets;
import org.tdabench.models.nn.DitEdmParams;
import org.tdabench.models.perf.FlopCounter;

/**
 * The modelled cost of a run's jobs, from FLOP counts ({@link FlopCounter}: matrix products and
 * convolutions of one image, a gradient = 3 forward passes) and the preset's sizes. What is counted:
 *
 * <ul>
 *   <li>train: every step of the epoch budget (steps/epoch x max epochs x batch x 3 forward; early
 *       stopping only shortens it) plus one validation pass per epoch;
 *   <li>targets: the Heun sampler's 2 x steps - 1 network evaluations (x2 with guidance) per image;
 *   <li>lds-ground-truth: gen + val targets x sigmas x noises forward passes;
 *   <li>attribute: per method, its dominant terms at the run's option values (per-sample gradients,
 *       Gaussian projections 2 P k per row, kernel solves, probe sweeps, unlearning steps at their
 *       cap); similarity baselines are negligible;
 *   <li>ablate: two retrainings as above (the method's removal and its size-matched random one), each
 *       followed by regenerating the ablation targets and controls.
 * </ul>
 *
 * Memory: fp32 weights, gradients, AdamW moments and EMA (20 bytes per parameter) plus activations
 * kept for the backward pass (about 17 s h + 2.5 a s^2 floats per block and image, s tokens, h width,
 * a heads), or one block's worth per image for forward-only work, plus method buffers. Storage: what
 * each job's artifacts hold (checkpoints 4 bytes per parameter, images, score matrices with their
 * hyper-parameter candidates). All of it is an estimate for sizing requests, not a measurement.
 */
public final class RunCost implements CostModel {
  private static final double G = 1e9;

  /** Nominal train / test sizes of the real datasets (their sources' published splits). */
  private static final Map<String, int[]> NOMINAL = Map.of(
      "cifar10", new int[] {50_000, 10_000},
      "artbench10", new int[] {50_000, 10_000},
      "coco", new int[] {118_287, 5_000},
      "fashion-mnist", new int[] {60_000, 10_000});

  private final BenchmarkPreset preset;
  private final RunConfig config;
  private final ModelPreset model;
  private final int nTrain;
  private final int nTest;
  private final long params;
  private final double forward;
  private final int imageFloats;

  RunCost(BenchmarkPreset preset, RunConfig config, ModelPreset model, int nTrain, int nTest) {
    this.preset = preset;
    this.config = config;
    this.model = model;
    this.nTrain = nTrain;
    this.nTest = nTest;
    DitEdmConfig a = model.arch();
    this.params = DitEdmParams.of(a).count();
    this.forward = FlopCounter.forwardPerImage(a);
    this.imageFloats = a.imageChannels() * a.imageHeight() * a.imageWidth();
  }

  /** The cost model of an opened run (its actual data sizes and shape). */
  static RunCost of(RunContext ctx) {
    return new RunCost(ctx.preset, ctx.config, ctx.model, ctx.train.size(), ctx.test.size());
  }

  /**
   * The cost model of a run without its data: procedural sizes from the preset, the real datasets'
   * published split sizes, the model preset's reference shape.
   */
  public static RunCost planned(RunConfig config) {
    BenchmarkPreset p = BenchmarkPresets.get(config.preset());
    String ds = config.effectiveDataset();
    int[] sizes = ds.equals("procedural") ? new int[] {p.trainSize(), p.testSize()} : NOMINAL.get(ds);
    if (sizes == null) {
      throw new org.tdabench.core.UserError("no nominal size for dataset '" + ds + "': prepare it and plan without "
          + "--dry-run");
    }
    return new RunCost(p, config, ModelPresets.get(p.model()), sizes[0], sizes[1]);
  }

  public long parameters() {
    return params;
  }

  public int trainSize() {
    return nTrain;
  }

  @Override
  public JobCost of(Job job) {
    Map<String, Object> r = job.recipe();
    return switch (job.kind()) {
      case StageJobs.TRAIN -> train(Boolean.TRUE.equals(((Map<?, ?>) r.get("request")).get("keepCheckpoints")));
      case StageJobs.TARGETS -> targets(seedOf(r));
      case StageJobs.GROUND_TRUTH -> groundTruth();
      case StageJobs.ATTRIBUTE -> attribute((String) r.get("method"), seedOf(r));
      case StageJobs.ABLATE -> ablate(seedOf(r));
      default -> JobCost.NEGLIGIBLE;
    };
  }

  private static int seedOf(Map<String, Object> r) {
    return ((Number) r.get("seed")).intValue();
  }

  // --- per kind ---------------------------------------------------------------------------------

  JobCost train(boolean keepCheckpoints) {
    var t = model.train();
    int val = t.validationLimit() > 0 ? Math.min(t.validationLimit(), nTest) : nTest;
    double flop = (double) t.maxSteps() * t.batchSize() * 3 * forward + (double) t.maxEpochs() * val * forward;
    long mem = 20 * params + (long) t.batchSize() * trainingActivationBytes();
    long store = 4 * params + (keepCheckpoints ? (long) checkpoints() * 4 * params : 0);
    return new JobCost(flop / G, mem, store);
  }

  JobCost targets(int seed) {
    int images = Math.min(generated(seed) + preset.controls(), nTest);
    double flop = images * samplerEvaluations() * forward;
    return new JobCost(flop / G, 4 * params + 64L * forwardActivationBytes(), 4L * images * imageFloats);
  }

  JobCost groundTruth() {
    int rows = Math.min(preset.genTargets(), nTest) + preset.valTargets();
    double flop = (double) rows * preset.ldsSigmas() * preset.ldsNoises() * forward;
    return new JobCost(flop / G, 4 * params + 256L * forwardActivationBytes(), 8L * rows);
  }

  JobCost ablate(int seed) {
    JobCost retrain = train(false);
    int images = preset.ablationTargets() + preset.controls();
    double flop = 2 * (retrain.gflop() * G + images * samplerEvaluations() * forward);
    return new JobCost(flop / G, retrain.memoryBytes(), 2 * (4 * params + 4L * images * imageFloats));
  }

  JobCost attribute(String method, int seed) {
    int t = attributedTargets(seed);
    long n = nTrain;
    MethodOptions o = AttributionStage.options(preset, config, Methods.get(method));
    long scores = 4L * t * n;
    double grad = 3 * forward;
    long weights = 4 * params;
    long rowsBatch = trainingActivationBytes();
    return switch (method) {
      case "trak", "dtrak", "das" -> {
        int k = o.getPositiveInt("projection_dim");
        int sigmas = o.getPositiveInt("sigmas");
        int models = Math.max(1, o.getInt("models"));
        double rows = (double) (n + t) * models;
        double flop = rows * (sigmas * grad + 2.0 * params * k)
            + 2.0 * n * n * Math.min(n, k) + Math.pow(Math.min(n, k), 3) / 3 + 2.0 * n * t * k;
        if (method.equals("das")) {
          flop += (double) o.getPositiveInt("residual_probes") * n * forward;
        }
        long mem = weights + o.getPositiveInt("batch") * (rowsBatch + weights)
            + ((long) o.getPositiveInt("memory_mib") << 20);
        mem += 8L * Math.min(n, k) * Math.min(n, k) + 4L * n * k;
        yield new JobCost(flop / G, mem, scores * (1 + 27));
      }
      case "tracin", "retrac" -> {
        int k = o.getInt("projection_dim");
        int c = checkpoints();
        double targetRows = (double) t * o.getPositiveInt("target_sigmas") * o.getPositiveInt("target_noises");
        double perCheckpoint = (n + targetRows) * grad + (k > 0 ? (n + targetRows) * 2.0 * params * k : 0)
            + 2.0 * n * t * (k > 0 ? k : params);
        long mem = weights * 2 + o.getPositiveInt("batch") * (rowsBatch + weights)
            + ((long) o.getPositiveInt("memory_mib") << 20);
        yield new JobCost(c * perCheckpoint / G, mem, scores);
      }
      case "mucs" -> {
        int k = o.getPositiveInt("num_noises");
        int batch = o.getInt("batch_size") > 0 ? o.getInt("batch_size") : k;
        // Steps per target: fixed_steps when set, else at most step_cap (the stop rule may end sooner).
        int steps = o.getInt("fixed_steps") > 0 ? o.getInt("fixed_steps") : o.getInt("step_cap") > 0 ? o.getInt("step_cap") : 1000;
        double unlearn = (double) steps * 2 * batch * grad;
        double score = (double) k * n * forward;
        double nullLoss = (double) o.getPositiveInt("null_batches") * batch * forward;
        long mem = 20 * params + 2L * batch * rowsBatch;
        yield new JobCost((t * (unlearn + score) + score + nullLoss) / G, mem, scores);
      }
      case "abu" -> {
        double fisher = (double) o.getPositiveInt("fisher_epochs") * 2 * n * grad;
        double draws = (double) o.getPositiveInt("unlearn_batch_size") * o.getPositiveInt("unlearn_grad_accum_steps");
        double probe = (double) o.getPositiveInt("loss_time_samples") * n * forward;
        double perTarget = o.getPositiveInt("unlearn_steps") * draws * grad + probe;
        long mem = weights * 4 + (long) o.getPositiveInt("fisher_batch_size") * (rowsBatch + weights);
        yield new JobCost((fisher + probe + t * perTarget) / G, mem, scores);
      }
      case "dit-feature", "feature" -> new JobCost((n + t) * forward / G,
          weights + 32L * forwardActivationBytes() + 4L * (n + t) * model.arch().width(), scores);
      default -> new JobCost(2.0 * n * t * imageFloats / G, scores + 4L * (n + t) * imageFloats, scores);
    };
  }

  // --- sizes ------------------------------------------------------------------------------------

  /** Generated targets of ablation seed s (seed 0 also carries the LDS gen targets). */
  private int generated(int seed) {
    return seed == 0 ? preset.genTargets() : preset.ablationTargets();
  }

  /** Targets a method attributes in seed s: gen, val and self targets in seed 0, the ablation's otherwise. */
  int attributedTargets(int seed) {
    return seed == 0 ? Math.min(preset.genTargets(), nTest) + preset.valTargets() + preset.selfTargets()
        : preset.ablationTargets();
  }

  /** Training checkpoints TracIn keeps on a main model: one per tracinEvery epochs of the budget. */
  int checkpoints() {
    return Math.max(1, (model.train().maxEpochs() + preset.tracinEvery() - 1) / preset.tracinEvery());
  }

  private double samplerEvaluations() {
    var s = model.sampler();
    return (2.0 * s.steps() - 1) * (s.cfg() != 1.0 ? 2 : 1);
  }

  /** Activations one image keeps for the backward pass, all blocks. */
  private long trainingActivationBytes() {
    DitEdmConfig a = model.arch();
    double s = a.tokens();
    double perBlock = 17 * s * a.width() + 2.5 * a.heads() * s * s;
    return Math.round(4 * a.depth() * perBlock + 4.0 * imageFloats * 8);
  }

  /** Activations of one image in a forward-only pass (one block live at a time). */
  private long forwardActivationBytes() {
    DitEdmConfig a = model.arch();
    double s = a.tokens();
    return Math.round(4 * (17 * s * a.width() + 2.5 * a.heads() * s * s) + 4.0 * imageFloats * 8);
  }
}
