package org.tdabench.benchmark.cli;

import java.util.Locale;
import java.util.Map;

/** The one machine-readable {@code key=value ...} line that ends every bench command. */
final class KeyValueLine {
  private KeyValueLine() {}

  static String format(Map<String, Object> values) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(e.getKey()).append('=').append(value(e.getValue()));
    }
    return sb.toString();
  }

  /** The line of alternating keys and values, in the order given. */
  static String of(Object... keysAndValues) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      m.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
    }
    return format(m);
  }

  static String value(Object v) {
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.1f" : "%.4g", d);
    }
    if (v instanceof Float f) {
      return value(f.doubleValue());
    }
    return String.valueOf(v).replace(' ', '_');
  }
}
