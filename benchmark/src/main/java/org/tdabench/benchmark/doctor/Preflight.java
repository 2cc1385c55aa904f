package org.tdabench.benchmark.doctor;

import java.util.Set;
import org.tdabench.core.UserError;

/** Checks run before any command: a GPU build without its CUDA libraries fails at once, in one line. */
public final class Preflight {
  private Preflight() {}

  /** Commands and flags that work without TensorFlow's libraries ({@code doctor} reports on them instead). */
  private static final Set<String> EXEMPT = Set.of("doctor", "help", "--help", "-h", "--version", "-V");

  /** 0 when the command may start; otherwise prints one line on stderr and returns 2. */
  public static int check(String[] args) {
    String command = null;
    for (String a : args) {
      if (a.equals("--")) {
        break;
      }
      if (EXEMPT.contains(a)) {
        return 0;
      }
      if (command == null && !a.startsWith("-")) {
        command = a; // global options (--debug, --verbose, ...) take no value
      }
    }
    if (command == null) {
      return 0;
    }
    try {
      GpuLibraries.requireForGpuBuild();
      return 0;
    } catch (UserError e) {
      System.err.println("tdabench: " + e.getMessage());
      return 2;
    }
  }
}
