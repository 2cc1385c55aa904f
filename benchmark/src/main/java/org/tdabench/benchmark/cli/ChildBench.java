package org.tdabench.benchmark.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.core.UserError;

/**
 * Runs a {@code tdabench bench ...} command in a fresh JVM with extra environment variables and
 * returns its closing {@code key=value} line: for settings TensorFlow reads only when it loads, such
 * as the oneDNN instruction-set cap.
 */
final class ChildBench {
  private ChildBench() {}

  static Map<String, String> run(Map<String, String> env, List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().remove(Launcher.CHILD);
    pb.environment().remove(Launcher.LAUNCHER_PID);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    List<String> lines = out.strip().lines().toList();
    if (code != 0 || lines.isEmpty()) {
      throw new UserError("the child benchmark " + String.join(" ", args) + " with " + env + " failed (exit " + code
          + ")");
    }
    Map<String, String> kv = new LinkedHashMap<>();
    for (String pair : lines.get(lines.size() - 1).split(" ")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        kv.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return kv;
  }
}
