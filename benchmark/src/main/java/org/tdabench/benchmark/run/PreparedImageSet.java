package org.tdabench.benchmark.run;

import org.tdabench.datasets.PreparedDataset;

/**
 * Rows of a prepared dataset as an {@link org.tdabench.methods.api.ImageSet} (memory-mapped; nothing is copied). Without
 * conditions ({@code conditional} false, for an unconditional model) the set has condDim 0.
 */
final class PreparedImageSet implements RunImages {
  private final PreparedDataset ds;
  private final int[] rows;
  private final int condDim;

  PreparedImageSet(PreparedDataset ds, int[] rows, boolean conditional) {
    this.ds = ds;
    this.rows = rows.clone();
    this.condDim = conditional ? ds.condDim() : 0;
  }

  /** The dataset row of item i. */
  int row(int i) {
    return rows[i];
  }

  @Override
  public int size() {
    return rows.length;
  }

  @Override
  public long id(int i) {
    return ds.id(rows[i]);
  }

  @Override
  public int label(int i) {
    return ds.label(rows[i]);
  }

  @Override
  public int duplicateGroup(int i) {
    return ds.duplicateGroup(rows[i]);
  }

  @Override
  public int imageSize() {
    return ds.imageSize();
  }

  @Override
  public int condDim() {
    return condDim;
  }

  @Override
  public void image(int i, float[] out, int offset) {
    ds.image(rows[i], out, offset);
  }

  @Override
  public void cond(int i, float[] out, int offset) {
    if (condDim > 0) {
      ds.cond(rows[i], out, offset);
    }
  }

  /** The reference's per-access training view (COCO: random crop, random caption). */
  @Override
  public void trainingSample(int i, long access, float[] image, int imageOffset, float[] cond, int condOffset) {
    ds.trainingView(rows[i], access, image, imageOffset, condDim > 0 ? cond : null, condOffset);
  }
}
