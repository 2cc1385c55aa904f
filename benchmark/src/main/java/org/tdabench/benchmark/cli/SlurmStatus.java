package org.tdabench.benchmark.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.tdabench.benchmark.exec.Job;
import org.tdabench.benchmark.exec.JobGraph;
import org.tdabench.benchmark.exec.JobStatus;
import org.tdabench.benchmark.run.RunCheck;

/**
 * What {@code tdabench slurm --status} prints: per wave and job kind how many jobs are done (their
 * artifacts are in the store), failed, interrupted, running or pending; the failures with their
 * one-line reason and log; and the command that finishes the run.
 */
final class SlurmStatus {
  private SlurmStatus() {}

  static int print(PrintStream out, RunCheck check, Path scripts) throws IOException {
    Set<String> done = new HashSet<>(check.result().done());
    Map<String, int[]> rows = new LinkedHashMap<>(); // wave/kind -> done, failed, interrupted, running, pending
    List<String> problems = new ArrayList<>();
    List<List<Job>> waves = new JobGraph(check.plan()).waves();
    for (int w = 0; w < waves.size(); w++) {
      for (Job j : waves.get(w)) {
        int[] row = rows.computeIfAbsent(String.format(Locale.ROOT, "%d %s", w, j.kind()), k -> new int[5]);
        Optional<JobStatus> s = check.jobStore().status(j.id());
        if (done.contains(j.id())) {
          row[0]++;
        } else if (s.isEmpty() || s.get().state() == JobStatus.State.DONE) {
          row[4]++;
        } else {
          JobStatus st = s.get();
          switch (st.state()) {
            case FAILED -> row[1]++;
            case INTERRUPTED -> row[2]++;
            default -> row[3]++;
          }
          if (st.state() != JobStatus.State.RUNNING) {
            problems.add(String.format(Locale.ROOT, "  %s %s (%s on %s, %s): %s%s", j.id(),
                st.state().name().toLowerCase(Locale.ROOT), st.slurmTask() == null ? "not under Slurm"
                    : "Slurm task " + st.slurmTask(), st.host(), st.ended(), st.error(), log(scripts, st.slurmTask())));
          }
        }
      }
    }
    out.printf(Locale.ROOT, "store %s: %d of %d jobs of this run done%n", check.store(), done.size(),
        check.plan().size());
    out.println("wave kind                  done  failed  interrupted  running  pending");
    for (Map.Entry<String, int[]> e : rows.entrySet()) {
      String[] wk = e.getKey().split(" ", 2);
      int[] r = e.getValue();
      out.printf(Locale.ROOT, "%4s %-20s %5d %7d %12d %8d %8d%n", wk[0], wk[1], r[0], r[1], r[2], r[3], r[4]);
    }
    if (!problems.isEmpty()) {
      out.println("failed or interrupted:");
      problems.forEach(out::println);
    }
    if (done.size() == check.plan().size()) {
      out.println("all done: run `tdabench report` with the planning options");
    } else {
      out.println("'running' is what a job's last attempt recorded (a node that died leaves it so); pending jobs "
          + "have not started or wait for their dependencies.");
      out.println("Once nothing of this run is queued (squeue --me), resubmit what is missing (finished jobs find "
          + "their artifacts and return at once):");
      out.println("resubmit: " + scripts.resolve("submit.sh"));
    }
    return 0;
  }

  /** " (log: PATH)" of a Slurm task's log in the scripts' per-submission log folders, or "". */
  private static String log(Path scripts, String slurmTask) throws IOException {
    Path logs = scripts.resolve("logs");
    if (slurmTask == null || !Files.isDirectory(logs)) {
      return "";
    }
    try (Stream<Path> s = Files.walk(logs, 2)) {
      return s.filter(p -> p.getFileName().toString().endsWith("-" + slurmTask + ".log")).findFirst()
          .map(p -> " (log: " + p + ")").orElse("");
    }
  }
}
