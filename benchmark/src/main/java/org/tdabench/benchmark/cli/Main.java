package org.tdabench.benchmark.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.tdabench.benchmark.exec.Failures;
import org.tdabench.benchmark.machine.Fingerprint;
import org.tdabench.benchmark.machine.NumericsEnvironment;
import org.tdabench.benchmark.machine.TensorFlowBuild;
import org.tdabench.core.IoProblems;
import org.tdabench.core.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code tdabench} command line. Results go to stdout, diagnostics to stderr; the exit code is 0
 * only on success, 2 for bad input or an environment problem (one clear line on stderr: a full disk,
 * a read-only or forbidden folder) and 1 for internal errors (one line; the stack trace with
 * {@code --debug}). The JVM the user starts is a {@link Launcher}: the work runs in a child JVM with
 * the pinned numerics environment.
 */
@Command(
    name = "tdabench",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Reproducibility benchmark for training-data attribution in diffusion models.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  static final String PORTABLE_FLAG = "--portable-numerics";
  private static volatile boolean debug;

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "Show stack traces, debug logs and TensorFlow's native log lines.")
  void setDebug(boolean on) {
    debug |= on;
  }

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show TensorFlow's native log lines.")
  boolean verbose;

  @Option(names = PORTABLE_FLAG, scope = ScopeType.INHERIT,
      description = "Cap oneDNN at AVX2 (TDABENCH_PORTABLE_NUMERICS=1): the same float path on every x86-64 CPU "
          + "with AVX2 and FMA and the same cache sizes, at a measured speed cost (tdabench bench model "
          + "--portable-cost); see README, Reproducibility.")
  void setPortable(boolean on) {
    if (on && !NumericsEnvironment.current().portable()) {
      throw new UserError(PORTABLE_FLAG + " takes effect when TensorFlow loads: start tdabench through its "
          + "launcher (./tdabench or java -jar), or set ONEDNN_MAX_CPU_ISA=AVX2 and TDABENCH_PORTABLE_NUMERICS=1");
    }
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }

  public static void main(String[] args) {
    int preflight = org.tdabench.benchmark.doctor.Preflight.check(args);
    if (preflight != 0) {
      System.exit(preflight);
    }
    if (!Launcher.isChild()) {
      System.exit(Launcher.run(args));
    }
    ParentWatchdog.startIfLaunched();
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
      Throwable user = ex.getCause();
      while (user != null && !(user instanceof UserError)) {
        user = user.getCause();
      }
      System.err.println("tdabench: " + (user != null ? user.getMessage() : ex.getMessage() + " (see --help)"));
      return 2;
    });
    return cl;
  }

  private static int handleException(Exception ex, CommandLine cl, CommandLine.ParseResult pr) {
    if (Failures.userFixable(ex)) {
      System.err.println("tdabench: " + Failures.oneLine(ex));
      if (debug) {
        ex.printStackTrace(System.err);
      }
      return 2;
    }
    System.err.println("tdabench: internal error: " + Failures.oneLine(ex)
        + (debug ? "" : " (run again with --debug for the stack trace)"));
    if (debug) {
      ex.printStackTrace(System.err);
    }
    return 1;
  }

  /** Whether --debug was given (stack traces wanted). */
  static boolean debug() {
    return debug;
  }

  /** Whether {@code t} is an environment problem the user must fix (used by tests). */
  static boolean environmentProblem(Throwable t) {
    return IoProblems.kind(t).isPresent();
  }

  /** Version, build commit, TensorFlow build and this machine's fingerprint, one per line. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      Properties git = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("/tdabench-git.properties")) {
        if (in != null) {
          git.load(in);
        }
      } catch (IOException e) {
        // no build information
      }
      String commit = git.getProperty("git.commit.id.abbrev", "unknown");
      if ("true".equals(git.getProperty("git.dirty"))) {
        commit += " (with uncommitted changes)";
      }
      List<String> lines = new ArrayList<>();
      lines.add("tdabench " + (v == null ? "(development build)" : v));
      lines.add("commit: " + commit);
      lines.add("tensorflow: " + TensorFlowBuild.describe());
      lines.add("fingerprint: " + Fingerprint.current().describe());
      return lines.toArray(String[]::new);
    }
  }
}
