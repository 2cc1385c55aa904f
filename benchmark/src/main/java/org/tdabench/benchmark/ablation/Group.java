package org.tdabench.benchmark.ablation;

import java.util.Locale;

/** Which generated images a statistic is about. */
public enum Group {
  /** Attributed images whose top-k were removed: similarity should drop. */
  TARGETS,
  /** Images never attributed: similarity should not drop more than under random removal. */
  CONTROLS;

  /** The lower-case id used in column names. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
