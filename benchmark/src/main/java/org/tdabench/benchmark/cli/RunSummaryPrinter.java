package org.tdabench.benchmark.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tdabench.benchmark.run.RunSummary;

/** The one-screen summary at the end of a run (stdout) and its key=value line. */
final class RunSummaryPrinter {
  private RunSummaryPrinter() {}

  static void print(RunSummary s) {
    System.out.println();
    s.lines().forEach(System.out::println);
    System.out.println("leaderboard: " + s.leaderboard());
    System.out.println("report:      " + s.report());
    System.out.printf(java.util.Locale.ROOT, "wall time:   %.1f s%n", s.seconds());
    Map<String, Object> kv = new LinkedHashMap<>(s.keyValues());
    System.out.println(KeyValueLine.format(kv));
  }
}
