package org.tdabench.benchmark.run;

import org.tdabench.methods.api.ImageSet;

/** A run's training or test images: an {@link ImageSet} that also knows planted near-duplicates. */
interface RunImages extends ImageSet {
  /** The planted duplicate group of item i, or -1. */
  int duplicateGroup(int i);
}
