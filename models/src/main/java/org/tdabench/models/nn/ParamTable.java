package org.tdabench.models.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.tdabench.core.UserError;

/** The ordered list of a network's parameters, with lookup by name and selection of subsets. */
public final class ParamTable {
  private final List<ParamSpec> specs;
  private final Map<String, ParamSpec> byName;

  ParamTable(List<ParamSpec> specs) {
    this.specs = List.copyOf(specs);
    Map<String, ParamSpec> m = new LinkedHashMap<>();
    for (ParamSpec s : specs) {
      if (m.put(s.name(), s) != null) {
        throw new IllegalStateException("duplicate parameter name " + s.name());
      }
    }
    this.byName = Collections.unmodifiableMap(m);
  }

  public List<ParamSpec> specs() {
    return specs;
  }

  public int size() {
    return specs.size();
  }

  public ParamSpec get(String name) {
    ParamSpec s = byName.get(name);
    if (s == null) {
      throw new UserError("unknown parameter '" + name + "'");
    }
    return s;
  }

  public boolean contains(String name) {
    return byName.containsKey(name);
  }

  public int indexOf(String name) {
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new UserError("unknown parameter '" + name + "'");
  }

  /** Total number of scalar parameters. */
  public long count() {
    long n = 0;
    for (ParamSpec s : specs) {
      n += s.size();
    }
    return n;
  }

  /** The names of the parameters matching {@code filter}, in table order. */
  public List<String> select(Predicate<ParamSpec> filter) {
    List<String> out = new ArrayList<>();
    for (ParamSpec s : specs) {
      if (filter.test(s)) {
        out.add(s.name());
      }
    }
    return out;
  }

  /** Number of scalars in the named subset. */
  public long count(List<String> names) {
    long n = 0;
    for (String name : names) {
      n += get(name).size();
    }
    return n;
  }
}
