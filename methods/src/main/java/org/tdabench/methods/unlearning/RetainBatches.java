package org.tdabench.methods.unlearning;

import org.tdabench.core.SeedTree;

/**
 * Shuffled, drop-last batches of training rows, epoch after epoch (the reference's unlearning
 * DataLoader: shuffle=True, drop_last=True, re-iterated until the stop rule fires). Epoch e's order
 * is a permutation drawn from {@code seeds.child("epoch", e)}.
 */
final class RetainBatches {
  private final int n;
  private final int batch;
  private final SeedTree seeds;
  private int epoch = -1;
  private int[] order;
  private int pos;

  RetainBatches(int n, int batch, SeedTree seeds) {
    if (batch < 1 || batch > n) {
      throw new IllegalArgumentException("a batch of " + batch + " needs 1.." + n + " rows");
    }
    this.n = n;
    this.batch = batch;
    this.seeds = seeds;
    this.pos = n; // forces a new epoch on the first call
  }

  /** The rows of the next batch. */
  int[] next() {
    if (pos + batch > n) {
      epoch++;
      order = seeds.child("epoch", epoch).rng().permutation(n);
      pos = 0;
    }
    int[] rows = new int[batch];
    System.arraycopy(order, pos, rows, 0, batch);
    pos += batch;
    return rows;
  }

  /** Batches per epoch (the partial last batch is dropped). */
  int batchesPerEpoch() {
    return n / batch;
  }
}
