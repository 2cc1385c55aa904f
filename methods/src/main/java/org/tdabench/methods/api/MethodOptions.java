package org.tdabench.methods.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.tdabench.core.UserError;

/**
 * A method's option values: its documented defaults, overridden by a preset's scaling and then by
 * the user ({@code --method-opt mucs.num_noises=20}). Unknown keys and malformed values are
 * one-line {@link UserError}s naming the method, the key and what is allowed.
 */
public final class MethodOptions {
  private final String method;
  private final Schema schema;
  private final Map<String, String> values;

  /** An option: key, default value, one-line meaning. */
  public record Option(String key, String defaultValue, String description) {}

  /** The options a method declares. */
  public static final class Schema {
    private final Map<String, Option> options = new LinkedHashMap<>();

    public Schema add(String key, Object defaultValue, String description) {
      options.put(key, new Option(key, String.valueOf(defaultValue), description));
      return this;
    }

    public Map<String, Option> options() {
      return Collections.unmodifiableMap(options);
    }

    public List<String> keys() {
      return List.copyOf(options.keySet());
    }
  }

  public MethodOptions(String method, Schema schema, Map<String, String> overrides) {
    this.method = method;
    this.schema = schema;
    Map<String, String> v = new LinkedHashMap<>();
    schema.options().forEach((k, o) -> v.put(k, o.defaultValue()));
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      if (!schema.options().containsKey(e.getKey())) {
        throw new UserError("method '" + method + "' has no option '" + e.getKey() + "'; known options: "
            + String.join(", ", schema.keys()));
      }
      v.put(e.getKey(), e.getValue());
    }
    this.values = Collections.unmodifiableMap(v);
  }

  /** Every value that will run (defaults included), sorted by key: goes into recipes and results. */
  public Map<String, String> values() {
    return Collections.unmodifiableMap(new TreeMap<>(values));
  }

  public String getString(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("method " + method + " read undeclared option " + key);
    }
    return v;
  }

  public int getInt(String key) {
    try {
      return Integer.parseInt(getString(key).trim());
    } catch (NumberFormatException e) {
      throw bad(key, "an integer");
    }
  }

  public long getLong(String key) {
    try {
      return Long.parseLong(getString(key).trim());
    } catch (NumberFormatException e) {
      throw bad(key, "an integer");
    }
  }

  public double getDouble(String key) {
    try {
      double d = Double.parseDouble(getString(key).trim());
      if (Double.isNaN(d)) {
        throw bad(key, "a number");
      }
      return d;
    } catch (NumberFormatException e) {
      throw bad(key, "a number");
    }
  }

  public boolean getBoolean(String key) {
    String v = getString(key).trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    throw bad(key, "true or false");
  }

  /** A positive integer option. */
  public int getPositiveInt(String key) {
    int v = getInt(key);
    if (v < 1) {
      throw bad(key, "an integer >= 1");
    }
    return v;
  }

  public UserError bad(String key, String expected) {
    return new UserError("option " + method + "." + key + "=" + values.get(key) + " is invalid: expected "
        + expected);
  }
}
