package org.tdabench.benchmark.run;

import org.tdabench.datasets.PreparedDataset;

/**
 * Some rows of a prepared dataset as a run's images: ids, labels, planted duplicates and
 * conditions come from the dataset; how pixels are read is up to the subclass. Without conditions
 * ({@code conditional} false, for an unconditional model) the set has condDim 0.
 */
abstract class DatasetRows implements RunImages {
  final PreparedDataset ds;
  final int[] rows;
  final int condDim;

  DatasetRows(PreparedDataset ds, int[] rows, boolean conditional) {
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
  public int condDim() {
    return condDim;
  }

  @Override
  public void cond(int i, float[] out, int offset) {
    if (condDim > 0) {
      ds.cond(rows[i], out, offset);
    }
  }
}
