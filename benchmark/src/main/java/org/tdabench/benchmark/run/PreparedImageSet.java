package org.tdabench.benchmark.run;

import org.tdabench.datasets.PreparedDataset;
import org.tdabench.methods.api.ImageSet;

/** Rows of a prepared dataset as an {@link ImageSet} (memory-mapped; nothing is copied). */
final class PreparedImageSet implements RunImages {
  private final PreparedDataset ds;
  private final int[] rows;

  PreparedImageSet(PreparedDataset ds, int[] rows) {
    this.ds = ds;
    this.rows = rows.clone();
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
    return ds.condDim();
  }

  @Override
  public void image(int i, float[] out, int offset) {
    ds.image(rows[i], out, offset);
  }

  @Override
  public void cond(int i, float[] out, int offset) {
    if (ds.condDim() > 0) {
      ds.cond(rows[i], out, offset);
    }
  }
}
