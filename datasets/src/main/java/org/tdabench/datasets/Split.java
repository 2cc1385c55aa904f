package org.tdabench.datasets;

import java.util.Locale;
import org.tdabench.core.UserError;

/**
 * The two partitions every prepared dataset has. As in the reference implementation there is no
 * separate validation split: the test split doubles as the early-stopping set and as the source of
 * generation conditions.
 */
public enum Split {
  TRAIN("train"),
  TEST("test");

  private final String label;

  Split(String label) {
    this.label = label;
  }

  /** The name used in {@code index.csv} and the manifest. */
  public String label() {
    return label;
  }

  /** Parses {@code train} or {@code test} (case-insensitive). */
  public static Split parse(String s) {
    String t = s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    for (Split sp : values()) {
      if (sp.label.equals(t)) {
        return sp;
      }
    }
    throw new UserError("unknown split '" + s + "': expected 'train' or 'test'");
  }
}
