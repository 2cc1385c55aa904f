package org.tdabench.methods.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.tdabench.core.UserError;

/** The installed methods, found with {@link ServiceLoader}, in a stable (name) order. */
public final class Methods {
  private Methods() {}

  public static List<AttributionMethod> installed() {
    Map<String, AttributionMethod> byName = new java.util.TreeMap<>();
    for (AttributionMethod m : ServiceLoader.load(AttributionMethod.class)) {
      AttributionMethod prev = byName.put(m.name(), m);
      if (prev != null && prev.getClass() != m.getClass()) {
        throw new IllegalStateException("two methods are named " + m.name() + ": "
            + prev.getClass().getName() + " and " + m.getClass().getName());
      }
    }
    return new ArrayList<>(byName.values());
  }

  /** The method of this name; an unknown name is a one-line error listing the installed ones. */
  public static AttributionMethod get(String name) {
    for (AttributionMethod m : installed()) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    throw new UserError("unknown method '" + name + "': installed methods are "
        + String.join(", ", installed().stream().map(AttributionMethod::name).toList()));
  }

  /**
   * Parses "a,b,c" or "all" into methods, in the given order (all = every installed method); a list
   * naming no method is a {@link UserError}.
   */
  public static List<AttributionMethod> parse(String list) {
    if (list != null && list.trim().equals("all")) {
      return installed();
    }
    if (list == null) {
      throw new UserError("no method named; pass a comma-separated list of methods or all");
    }
    Map<String, AttributionMethod> out = new LinkedHashMap<>();
    for (String s : list.split(",")) {
      String n = s.trim();
      if (!n.isEmpty()) {
        out.put(n, get(n));
      }
    }
    if (out.isEmpty()) {
      throw new UserError("no method named in '" + list + "'");
    }
    return new ArrayList<>(out.values());
  }
}
