package org.tdabench.benchmark.cli;

import org.tdabench.core.ProcessOwner;

/**
 * In the child JVM: ends the process when the launcher that started it is gone (killed by SIGKILL,
 * which runs no shutdown hook to stop us), so that no orphaned run keeps working on the store. The
 * exit runs the shutdown hooks, as a SIGTERM would.
 */
final class ParentWatchdog implements Runnable {
  private final long launcher;

  private ParentWatchdog(long launcher) {
    this.launcher = launcher;
  }

  /** Starts the watchdog when this JVM was started by a launcher. */
  static void startIfLaunched() {
    String pid = System.getenv(Launcher.LAUNCHER_PID);
    if (pid == null) {
      return;
    }
    try {
      Thread t = new Thread(new ParentWatchdog(Long.parseLong(pid)), "tdabench-parent-watchdog");
      t.setDaemon(true);
      t.start();
    } catch (NumberFormatException e) {
      // not started by our launcher
    }
  }

  @Override
  public void run() {
    while (true) {
      boolean parentIsLauncher = ProcessHandle.current().parent().map(p -> p.pid() == launcher).orElse(false);
      if (!parentIsLauncher || !ProcessOwner.alive(launcher, 0)) {
        System.err.println("tdabench: the launching process ended; stopping");
        System.exit(143);
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
