package org.tdabench.benchmark.report;

import java.util.Locale;
import org.tdabench.benchmark.stats.Estimate;

/**
 * Number formatting for result files: fixed decimals, '.' as separator on every locale, NaN as an
 * empty cell, and no negative zero, so that identical numbers always give identical bytes.
 */
public final class Formats {
  private Formats() {}

  /** Six decimals (scores, intervals, percentages). */
  public static String num(double v) {
    return fixed(v, 6);
  }

  /** Three decimals (seconds). */
  public static String seconds(double v) {
    return fixed(v, 3);
  }

  /** An integer, or empty for negative "not applicable" values. */
  public static String count(int v) {
    return v < 0 ? "" : Integer.toString(v);
  }

  static String fixed(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return "";
    }
    String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
    return s.matches("-0\\.0*") ? s.substring(1) : s;
  }

  /** "0.512 [0.401, 0.623]" for tables people read; empty for a missing estimate. */
  public static String human(Estimate e, int decimals) {
    if (e == null || !Double.isFinite(e.value())) {
      return "";
    }
    String v = fixed(e.value(), decimals);
    if (!Double.isFinite(e.lo()) || !Double.isFinite(e.hi())) {
      return v;
    }
    return v + " [" + fixed(e.lo(), decimals) + ", " + fixed(e.hi(), decimals) + "]";
  }
}
