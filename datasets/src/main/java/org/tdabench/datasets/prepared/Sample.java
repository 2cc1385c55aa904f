package org.tdabench.datasets.prepared;

import java.util.List;
import java.util.Objects;
import org.tdabench.datasets.Split;
import org.tdabench.datasets.image.PixelImage;

/**
 * One image as a source hands it to {@link PreparedWriter}.
 *
 * @param split train or test (all train samples come first)
 * @param label class index, or -1 for captioned datasets
 * @param image the stored pixels
 * @param cond the conditioning row (one-hot class, or caption 0's embedding)
 * @param captions the class name, or every caption of the image (caption 0 first)
 * @param captionConds one embedding per caption when the dataset stores caption embeddings, else
 *     empty
 * @param source where the image came from (archive member, file name, generator path)
 * @param duplicateGroup planted near-duplicate group, or -1
 * @param annotationIds per-caption source ids (COCO annotation ids), or empty
 */
public record Sample(
    Split split,
    int label,
    PixelImage image,
    float[] cond,
    List<String> captions,
    List<float[]> captionConds,
    String source,
    int duplicateGroup,
    List<Long> annotationIds) {

  public Sample {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(cond, "cond");
    captions = List.copyOf(captions);
    captionConds = List.copyOf(captionConds);
    annotationIds = List.copyOf(annotationIds);
    if (captions.isEmpty()) {
      throw new IllegalArgumentException("a sample needs a caption (the class name for class datasets)");
    }
  }

  /** A class-labelled sample: one-hot conditioning and the class name as caption. */
  public static Sample labelled(Split split, int label, PixelImage image, float[] oneHot, String className,
      String source, int duplicateGroup) {
    return new Sample(split, label, image, oneHot, List.of(className), List.of(), source, duplicateGroup, List.of());
  }

  /** A one-hot vector of length {@code classes} with a 1 at {@code label}. */
  public static float[] oneHot(int label, int classes) {
    if (label < 0 || label >= classes) {
      throw new IllegalArgumentException("label " + label + " outside 0.." + (classes - 1));
    }
    float[] v = new float[classes];
    v[label] = 1f;
    return v;
  }
}
