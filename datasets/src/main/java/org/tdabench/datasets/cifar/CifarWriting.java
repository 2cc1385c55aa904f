package org.tdabench.datasets.cifar;

import java.io.IOException;
import java.util.List;
import org.tdabench.core.Progress;
import org.tdabench.core.UserError;
import org.tdabench.datasets.PrepareContext;
import org.tdabench.datasets.Split;
import org.tdabench.datasets.image.PilResize;
import org.tdabench.datasets.image.PixelImage;
import org.tdabench.datasets.prepared.PreparedWriter;
import org.tdabench.datasets.prepared.Sample;

/** Writes the contents of a CIFAR-layout archive (CIFAR-10, ArtBench-10 32x32) as samples. */
public final class CifarWriting {
  private CifarWriting() {}

  /**
   * Writes train then test.
   *
   * @param labelMap archive label -> prepared label (identity, or a remapping to a pinned order)
   * @param classes prepared class names
   * @param archiveName file name used in the source column
   */
  public static void write(PrepareContext ctx, PreparedWriter out, CifarArchive.Contents c, int[] labelMap,
      List<String> classes, String archiveName) throws IOException {
    int r = out.spec().resolution();
    try (Progress bar = ctx.progress(out.spec().dataset(), c.train().size() + (long) c.test().size())) {
      for (Split split : Split.values()) {
        CifarArchive.Part part = split == Split.TRAIN ? c.train() : c.test();
        for (int i = 0; i < part.size(); i++) {
          int raw = part.labels()[i];
          if (raw < 0 || raw >= labelMap.length) {
            throw new UserError(archiveName + " has label " + raw + " at " + part.sources().get(i)
                + ", outside 0.." + (labelMap.length - 1) + "; the archive is corrupt: fetch it again");
          }
          int label = labelMap[raw];
          PixelImage img = PixelImage.fromPlanar(part.data(), i * CifarArchive.IMAGE_BYTES, 32, 32, 3);
          if (r != 32) {
            img = PilResize.resize(img, r, r);
          }
          out.add(Sample.labelled(split, label, img, Sample.oneHot(label, classes.size()), classes.get(label),
              archiveName + ":" + part.sources().get(i), -1));
          bar.step(1);
        }
      }
    }
  }
}
