package org.tdabench.benchmark.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tdabench.core.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tdabench} command line. Results go to stdout, diagnostics to stderr; the exit code is 0
 * only on success, 2 for bad input (one clear line on stderr) and 1 for internal errors.
 */
@Command(
    name = "tdabench",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Reproducibility benchmark for training-data attribution in diffusion models.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  /**
   * Environment pinned for bit-reproducible TensorFlow runs (read by the native library at load).
   * TF_CPU_ALLOCATOR_USE_BFC keeps freed tensor memory in TensorFlow's pool: without it, tensors
   * above glibc's mmap threshold (a fleet's larger activations) are mapped and unmapped at every step,
   * and the page faults cost more than the step's arithmetic. It does not change any value.
   */
  public static final Map<String, String> PINNED_ENV =
      Map.of("TF_ENABLE_ONEDNN_OPTS", "0", "TF_DETERMINISTIC_OPS", "1", "TF_CPP_MIN_LOG_LEVEL", "2",
          "TF_CPU_ALLOCATOR_USE_BFC", "true");

  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }

  public static void main(String[] args) {
    if (needsReexec()) {
      System.exit(reexec(args));
    }
    System.exit(execute(args));
  }

  /** Runs the command line in-process and returns the exit code (used by tests too). */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /** The configured picocli command tree. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    for (Object sub : Commands.all()) {
      cl.addSubcommand(sub);
    }
    cl.setExecutionExceptionHandler(Main::handleException);
    cl.setParameterExceptionHandler((ex, a) -> {
      System.err.println("tdabench: " + ex.getMessage() + " (see --help)");
      return 2;
    });
    return cl;
  }

  private static int handleException(Exception ex, CommandLine cl, CommandLine.ParseResult pr) {
    Throwable t = ex;
    while (t != null && !(t instanceof UserError)) {
      t = t.getCause();
    }
    if (t != null) {
      System.err.println("tdabench: " + t.getMessage());
      return 2;
    }
    System.err.println("tdabench: internal error: " + ex);
    ex.printStackTrace(System.err);
    return 1;
  }

  /** TensorFlow reads these at load time, so they must be in the process environment. */
  private static boolean needsReexec() {
    if (System.getenv("TDABENCH_NO_REEXEC") != null) {
      return false;
    }
    for (String k : PINNED_ENV.keySet()) {
      if (System.getenv(k) == null) {
        return true;
      }
    }
    return false;
  }

  private static int reexec(String[] args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    for (Map.Entry<String, String> e : PINNED_ENV.entrySet()) {
      pb.environment().putIfAbsent(e.getKey(), e.getValue());
    }
    pb.environment().put("TDABENCH_NO_REEXEC", "1");
    try {
      return pb.start().waitFor();
    } catch (Exception e) {
      System.err.println("tdabench: could not start a JVM with the pinned TensorFlow environment: " + e);
      return 1;
    }
  }

  /** Reports the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"tdabench " + (v == null ? "(development build)" : v)};
    }
  }
}
