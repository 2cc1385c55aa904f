package org.tdabench.benchmark.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.tdabench.benchmark.machine.NumericsEnvironment;

/**
 * Starts the real tdabench JVM with the numerics environment TensorFlow reads when its native
 * library loads (it cannot be changed later in-process), and stays in charge of it:
 *
 * <ul>
 *   <li>the pinned variables ({@link NumericsEnvironment#PINNED}) are set unless the user set them;
 *       {@code --portable-numerics} (or {@code TDABENCH_PORTABLE_NUMERICS=1}) adds the AVX2 cap;
 *   <li>SIGTERM or SIGINT to the launcher ends the child too (shutdown hook), and the child ends
 *       itself when the launcher dies, even by SIGKILL ({@link ParentWatchdog});
 *   <li>TensorFlow's native INFO and WARNING log lines are dropped from the child's stderr unless
 *       {@code --verbose} or {@code --debug} is given ({@link NativeLogFilter}).
 * </ul>
 */
final class Launcher {
  /** Set in the child: it is the real JVM (never re-exec again). */
  static final String CHILD = "TDABENCH_NO_REEXEC";
  /** Set in the child: the launcher's PID, watched by {@link ParentWatchdog}. */
  static final String LAUNCHER_PID = "TDABENCH_LAUNCHER_PID";
  /** How long the child gets to finish (and clean up) after SIGTERM before it is killed. */
  private static final long GRACE_SECONDS = 20;

  private Launcher() {}

  static boolean isChild() {
    return System.getenv(CHILD) != null;
  }

  static boolean hasFlag(String[] args, String... flags) {
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      for (String f : flags) {
        if (a.equals(f)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The child's environment additions for these arguments and this environment. */
  static Map<String, String> childEnvironment(String[] args, Map<String, String> env) {
    Map<String, String> add = new java.util.LinkedHashMap<>();
    NumericsEnvironment.PINNED.forEach((k, v) -> {
      if (!env.containsKey(k)) {
        add.put(k, v);
      }
    });
    // Pooled tensor memory: without it a fleet's larger activations are mapped and unmapped at every
    // step, and the page faults cost more than the arithmetic (values are unchanged).
    if (!env.containsKey("TF_CPU_ALLOCATOR_USE_BFC")) {
      add.put("TF_CPU_ALLOCATOR_USE_BFC", "true");
    }
    if (!env.containsKey("TF_CPP_MIN_LOG_LEVEL")) {
      add.put("TF_CPP_MIN_LOG_LEVEL", hasFlag(args, "--verbose", "--debug") ? "0" : "2");
    }
    boolean portable = hasFlag(args, Main.PORTABLE_FLAG) || "1".equals(env.get(NumericsEnvironment.PORTABLE_SWITCH));
    if (portable) {
      add.put(NumericsEnvironment.PORTABLE_SWITCH, "1");
      if (!env.containsKey("ONEDNN_MAX_CPU_ISA") && !env.containsKey("DNNL_MAX_CPU_ISA")) {
        add.put("ONEDNN_MAX_CPU_ISA", NumericsEnvironment.PORTABLE_ISA);
      }
    }
    add.put(CHILD, "1");
    add.put(LAUNCHER_PID, Long.toString(ProcessHandle.current().pid()));
    return add;
  }

  /** Runs the child JVM and returns its exit code. */
  static int run(String[] args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    if (hasFlag(args, "--debug")) {
      cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug");
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    boolean quiet = !hasFlag(args, "--verbose", "--debug");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT)
        .redirectOutput(ProcessBuilder.Redirect.INHERIT)
        .redirectError(quiet ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.INHERIT);
    pb.environment().putAll(childEnvironment(args, System.getenv()));
    Process child;
    try {
      child = pb.start();
    } catch (IOException e) {
      System.err.println("tdabench: could not start a JVM with the pinned TensorFlow environment: " + e.getMessage());
      return 1;
    }
    Thread hook = new Thread(() -> stop(child), "tdabench-launcher-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    Thread pump = null;
    if (quiet) {
      pump = new Thread(new NativeLogFilter(child.getErrorStream(),
          System.err), "tdabench-stderr");
      pump.setDaemon(true);
      pump.start();
    }
    try {
      int code = child.waitFor();
      if (pump != null) {
        pump.join(2000);
      }
      return code;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(child);
      return 130;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down: the hook runs
      }
    }
  }

  /** SIGTERM to the child, then SIGKILL if it has not ended within the grace period. */
  private static void stop(Process child) {
    if (!child.isAlive()) {
      return;
    }
    child.destroy();
    try {
      if (!child.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    } catch (InterruptedException e) {
      child.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
