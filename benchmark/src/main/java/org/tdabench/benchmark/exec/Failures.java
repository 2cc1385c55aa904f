package org.tdabench.benchmark.exec;

import java.util.Optional;
import org.tdabench.core.IoProblems;
import org.tdabench.core.UserError;

/**
 * One line for a failure, saying its real cause: a {@link UserError}'s own message, an environment
 * problem (full disk, read-only or forbidden folder) as such, else the exception's message and its
 * deepest cause. Stack traces are for {@code --debug} only.
 */
public final class Failures {
  private Failures() {}

  public static String oneLine(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UserError) {
        return c.getMessage();
      }
    }
    Optional<String> env = IoProblems.describe(t);
    if (env.isPresent()) {
      return env.get();
    }
    String top = firstLine(t);
    Throwable deepest = t;
    while (deepest.getCause() != null && deepest.getCause() != deepest) {
      deepest = deepest.getCause();
    }
    if (deepest == t) {
      return top;
    }
    String root = firstLine(deepest);
    return top.contains(root) ? top : top + " (cause: " + root + ")";
  }

  /** Whether the failure is something the user must fix (bad input or the environment). */
  public static boolean userFixable(Throwable t) {
    if (IoProblems.kind(t).isPresent()) {
      return true;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UserError) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(Throwable t) {
    String m = t.getMessage();
    String line = m == null ? "" : m.lines().findFirst().orElse("");
    return line.isBlank() ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + line;
  }
}
