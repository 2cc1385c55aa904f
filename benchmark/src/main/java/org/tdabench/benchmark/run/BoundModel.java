package org.tdabench.benchmark.run;

import java.nio.file.Path;
import org.tdabench.core.UserError;
import org.tdabench.datasets.Datasets;
import org.tdabench.datasets.PrepareOptions;
import org.tdabench.datasets.prepared.PreparedWriter;
import org.tdabench.datasets.procedural.ProceduralConfig;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.config.ModelPresets;

/**
 * The model a run trains: the benchmark preset's model preset bound to the dataset's image shape
 * and, unless the preset pins the model unconditional, its conditioning width. {@code run} binds
 * to the prepared data; {@code model-info --dataset} binds to what preparing would give, without
 * downloading anything, so both print the same model.
 */
public final class BoundModel {
  private BoundModel() {}

  /** How {@code dataset} is prepared for {@code preset} (procedural data takes the preset's sizes). */
  static PrepareOptions prepareOptions(BenchmarkPreset preset, String dataset, Path cache) {
    return prepareOptions(preset, dataset, preset.trainSize(), cache);
  }

  /** As above, with procedural data of {@code trainSize} training images (0: the generator's default). */
  static PrepareOptions prepareOptions(BenchmarkPreset preset, String dataset, int trainSize, Path cache) {
    PrepareOptions po = PrepareOptions.defaults().withCache(cache);
    if (dataset.equals("procedural")) {
      ModelPreset mp = ModelPresets.get(preset.model());
      int res = preset.resolution() > 0 ? preset.resolution() : mp.arch().imageHeight();
      ProceduralConfig pc = ProceduralConfig.defaults().withResolution(res);
      if (trainSize > 0) {
        pc = pc.withSizes(trainSize, preset.testSize() > 0 ? preset.testSize() : pc.testSize());
      }
      po = po.withProcedural(pc);
    }
    return po;
  }

  /** The side a run trains at: the preset's resolution, or the data's where that is smaller. */
  static int side(BenchmarkPreset preset, int dataResolution) {
    return preset.resolution() > 0 ? Math.min(preset.resolution(), dataResolution) : dataResolution;
  }

  /** {@code preset}'s model for square images of this shape with {@code condDim}-wide conditions. */
  static ModelPreset bind(BenchmarkPreset preset, String dataset, int channels, int resolution, int condDim) {
    ModelPreset mp = ModelPresets.get(preset.model());
    if (resolution % mp.arch().patch() != 0) {
      throw new UserError("dataset " + dataset + " at " + resolution + " px cannot be cut into the " + mp.name()
          + " model's " + mp.arch().patch() + " px patches; choose another preset or resolution");
    }
    return mp.forData(channels, resolution, resolution, condDim);
  }

  /**
   * The model {@code tdabench run --preset presetName --dataset dataset} would train, from the
   * dataset's preparation plan (nothing is downloaded or prepared).
   */
  public static ModelPreset planned(String presetName, String dataset, Path cache) {
    BenchmarkPreset preset = BenchmarkPresets.get(presetName);
    String ds = dataset == null ? preset.dataset() : dataset;
    PreparedWriter.Spec spec = Datasets.plan(ds, prepareOptions(preset, ds, cache));
    return bind(preset, ds, spec.channels(), side(preset, spec.resolution()), spec.condDim());
  }
}
