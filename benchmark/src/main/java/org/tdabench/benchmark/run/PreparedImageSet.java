package org.tdabench.benchmark.run;

import org.tdabench.datasets.PreparedDataset;

/** Rows of a prepared dataset at its own resolution (memory-mapped; nothing is copied). */
final class PreparedImageSet extends DatasetRows {
  PreparedImageSet(PreparedDataset ds, int[] rows, boolean conditional) {
    super(ds, rows, conditional);
  }

  @Override
  public int imageSize() {
    return ds.imageSize();
  }

  @Override
  public void image(int i, float[] out, int offset) {
    ds.image(rows[i], out, offset);
  }

  /** The reference's per-access training view (COCO: random crop, random caption). */
  @Override
  public void trainingSample(int i, long access, float[] image, int imageOffset, float[] cond, int condOffset) {
    ds.trainingView(rows[i], access, image, imageOffset, condDim > 0 ? cond : null, condOffset);
  }
}
