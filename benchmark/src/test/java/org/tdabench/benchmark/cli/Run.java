package org.tdabench.benchmark.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One in-process invocation of the command line: its exit code, stdout and stderr. */
record Run(int code, String out, String err) {

  /** The last line of stdout (where {@code prepare} prints the folder it wrote). */
  String lastLine() {
    java.util.List<String> l = out.strip().lines().toList();
    return l.get(l.size() - 1);
  }

  /** Runs {@code tdabench args...} in this JVM, capturing both streams. */
  static Run of(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.execute(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
