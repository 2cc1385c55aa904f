package org.tdabench.methods.baselines;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.AttributionTask;
import org.tdabench.methods.api.EnsembleMode;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.methods.api.Scores;

/**
 * Cosine similarity of embeddings from an image backbone given as a TensorFlow SavedModel (CLIP,
 * DINO or SSCD in the references). Without {@code feature.model} the method reports itself
 * unavailable and is skipped: it is never faked.
 */
public final class FeatureSimilarity implements AttributionMethod {
  @Override
  public String name() {
    return "feature";
  }

  /** The scores do not depend on the model: on an ensemble the method runs once. */
  @Override
  public EnsembleMode ensembleMode() {
    return EnsembleMode.MODEL_FREE;
  }

  @Override
  public String description() {
    return "cosine of embeddings from a SavedModel image backbone (feature.model=PATH)";
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public MethodOptions.Schema options() {
    return new MethodOptions.Schema()
        .add("model", "", "SavedModel folder of the backbone (required)")
        .add("signature", "serving_default", "signature to call")
        .add("output", "", "output name (needed only if the signature has several)")
        .add("size", 224, "square input side the images are resized to (0 = native)")
        .add("normalization", "imagenet", "signed ([-1,1]), unit ([0,1]), imagenet or clip")
        .add("batch", 32, "images per call");
  }

  @Override
  public Optional<String> unavailableReason(AttributionTask task) {
    return task.options().getString("model").isBlank()
        ? Optional.of("no backbone given: pass --method-opt feature.model=PATH (a TensorFlow SavedModel)")
        : Optional.empty();
  }

  @Override
  public Scores attribute(AttributionTask task) {
    long t0 = System.nanoTime();
    MethodOptions o = task.options();
    SavedModelBackbone.Normalization norm;
    try {
      norm = SavedModelBackbone.Normalization.valueOf(o.getString("normalization").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw o.bad("normalization", "signed, unit, imagenet or clip");
    }
    int size = o.getInt("size");
    if (size < 0) {
      throw o.bad("size", "an integer >= 0");
    }
    var a = task.spec().arch();
    int t = task.targets().size();
    int n = task.train().size();
    float[] et;
    float[] en;
    int[] dim = new int[1];
    try (SavedModelBackbone b = new SavedModelBackbone(Path.of(o.getString("model")), o.getString("signature"),
        o.getString("output"), size, norm, o.getPositiveInt("batch"), a.imageHeight(), a.imageWidth(),
        a.imageChannels())) {
      et = b.embed(task.targets().images(), t, dim);
      en = b.embed(task.train().allImages(), n, dim);
    }
    float[] s = Similarity.cosine(et, t, en, n, dim[0]);
    double sec = (System.nanoTime() - t0) / 1e9;
    return new Scores(t, n, s, sec, new double[t], Map.of("backbone", o.getString("model"), "embedding_dim", dim[0],
        "normalization", norm.name().toLowerCase(Locale.ROOT), "size", size));
  }
}
