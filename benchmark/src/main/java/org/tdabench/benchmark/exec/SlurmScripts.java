package org.tdabench.benchmark.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Generates Slurm batch scripts for a job graph: one {@code sbatch --array} script per job kind and
 * dependency wave ({@link JobGraph#waves()}), so that every array asks for what its kind needs
 * ({@link TaskSizing}); task i of an array runs several small jobs or one large one in one JVM,
 * {@code java -jar tdabench.jar job --store <store> <id> [<id> ...]}. A {@code submit.sh} submits the
 * arrays in order, each with {@code --dependency=afterok:<the arrays holding its jobs' dependencies>}
 * (afterok on an array waits for all its tasks) and {@code --kill-on-invalid-dep=yes}, so that a
 * failed or cancelled task cancels what depends on it instead of leaving it pending forever with
 * DependencyNeverSatisfied. Each submission logs into its own folder beside the scripts.
 *
 * <p>The job descriptions must be saved in the shared store first ({@link JobStore#save}). Only text
 * is produced here; nothing requires Slurm to be installed.
 */
public final class SlurmScripts {
  private SlurmScripts() {}

  /**
   * One job array: the jobs of one kind in one wave, packed into tasks.
   *
   * @param name the array's job name and file stem
   * @param wave dependency wave
   * @param kind the jobs' kind
   * @param tasks per task, the jobs it runs one after another
   * @param resources what each task asks for
   * @param after indices (into the plan) of the arrays this one waits for
   */
  public record Array(String name, int wave, String kind, List<List<Job>> tasks, ArrayResources resources,
      List<Integer> after) {

    public int jobs() {
      return tasks.stream().mapToInt(List::size).sum();
    }

    public String file() {
      return name + ".sbatch";
    }
  }

  /** The arrays of {@code graph}, in submission order (by wave, kinds in order of first appearance). */
  public static List<Array> plan(JobGraph graph, TaskSizing sizing, String name) {
    List<Array> arrays = new ArrayList<>();
    Map<String, Integer> arrayOf = new HashMap<>();
    List<List<Job>> waves = graph.waves();
    for (int w = 0; w < waves.size(); w++) {
      Map<String, List<Job>> byKind = new LinkedHashMap<>();
      for (Job j : waves.get(w)) {
        byKind.computeIfAbsent(j.kind(), k -> new ArrayList<>()).add(j);
      }
      for (Map.Entry<String, List<Job>> e : byKind.entrySet()) {
        TreeSet<Integer> after = new TreeSet<>();
        for (Job j : e.getValue()) {
          for (String d : j.dependsOn()) {
            after.add(arrayOf.get(d));
          }
        }
        List<List<Job>> tasks = sizing.pack(e.getValue());
        String arrayName = String.format(Locale.ROOT, "%s-w%02d-%s", name, w, e.getKey());
        arrays.add(new Array(arrayName, w, e.getKey(), tasks, sizing.resources(tasks), List.copyOf(after)));
        for (Job j : e.getValue()) {
          arrayOf.put(j.id(), arrays.size() - 1);
        }
      }
    }
    return arrays;
  }

  /** File name -> script text, in submission order, ending with "submit.sh". */
  public static Map<String, String> generate(List<Array> arrays, SlurmConfig cfg) {
    Map<String, String> files = new LinkedHashMap<>();
    for (Array a : arrays) {
      files.put(a.file(), arrayScript(a, cfg));
    }
    files.put("submit.sh", submitScript(arrays));
    return files;
  }

  static String arrayScript(Array a, SlurmConfig cfg) {
    ArrayResources r = a.resources();
    StringBuilder s = new StringBuilder();
    s.append("#!/bin/bash\n");
    s.append("#SBATCH --job-name=").append(a.name()).append('\n');
    String range = "0-" + (a.tasks().size() - 1) + (cfg.maxParallel() > 0 ? "%" + cfg.maxParallel() : "");
    s.append("#SBATCH --array=").append(range).append('\n');
    s.append("#SBATCH --cpus-per-task=").append(r.cpus()).append('\n');
    s.append("#SBATCH --mem=").append(r.memoryMib() % 1024 == 0 ? r.memoryMib() / 1024 + "G" : r.memoryMib() + "M")
        .append('\n');
    s.append("#SBATCH --time=").append(TaskSizing.formatTime(r.minutes())).append('\n');
    directive(s, "partition", cfg.partition());
    directive(s, "account", cfg.account());
    directive(s, "qos", cfg.qos());
    directive(s, "constraint", cfg.constraint());
    directive(s, "gres", cfg.gres());
    for (String d : cfg.extraDirectives()) {
      s.append("#SBATCH ").append(d).append('\n');
    }
    s.append(String.format(Locale.ROOT, "# %d %s job(s) in %d task(s); longest task modelled at %.0f s "
        + "(the time limit allows twice that).%n", a.jobs(), a.kind(), a.tasks().size(), r.modelledSeconds()));
    s.append("# Submit with submit.sh (it sets the log folder and the dependencies).\n");
    s.append("set -euo pipefail\n");
    for (String line : cfg.setup()) {
      s.append(line).append('\n');
    }
    s.append("tasks=(\n");
    for (List<Job> task : a.tasks()) {
      s.append("  \""); // ids are shell-safe by construction
      for (int i = 0; i < task.size(); i++) {
        s.append(i == 0 ? "" : " ").append(task.get(i).id());
      }
      s.append("\"\n");
    }
    s.append(")\n");
    s.append("# The task's ids are split into words on purpose.\n");
    s.append("exec ").append(quote(cfg.java())).append(" -Xmx").append(r.heapMib()).append("m -XX:+ExitOnOutOfMemoryError")
        .append(" -jar ").append(quote(cfg.jar())).append(" job --store ").append(quote(cfg.store()))
        .append(" ${tasks[$SLURM_ARRAY_TASK_ID]}\n");
    return s.toString();
  }

  private static void directive(StringBuilder s, String name, String value) {
    if (value != null) {
      s.append("#SBATCH --").append(name).append('=').append(value).append('\n');
    }
  }

  static String submitScript(List<Array> arrays) {
    StringBuilder s = new StringBuilder();
    s.append("#!/bin/bash\n");
    s.append("# Submits the job arrays in dependency order (run it from anywhere). Each submission logs into\n");
    s.append("# its own folder logs/<time>-<pid>/ beside this script. A failed or cancelled task makes Slurm\n");
    s.append("# cancel the arrays that depend on it (--kill-on-invalid-dep=yes); `tdabench slurm --status`\n");
    s.append("# with the planning options then says what is missing, and running this script again finishes\n");
    s.append("# it (finished jobs find their artifacts in the store and return at once).\n");
    s.append("set -euo pipefail\n");
    s.append("here=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)\"\n");
    s.append("logs=\"$here/logs/$(date +%Y%m%d-%H%M%S)-$$\"\n");
    s.append("mkdir -p \"$logs\"\n");
    for (int i = 0; i < arrays.size(); i++) {
      Array a = arrays.get(i);
      s.append("a").append(i).append("=$(sbatch --parsable --output=\"$logs/%x-%A_%a.log\"");
      if (!a.after().isEmpty()) {
        s.append(" --kill-on-invalid-dep=yes --dependency=afterok");
        for (int d : a.after()) {
          s.append(":${a").append(d).append('}');
        }
      }
      s.append(" \"$here/").append(a.file()).append("\")\n");
      s.append("a").append(i).append("=${a").append(i).append("%%;*}\n"); // "jobid;cluster" on federations
      s.append("echo \"submitted ").append(a.name()).append(" (").append(a.jobs()).append(" jobs, ")
          .append(a.tasks().size()).append(" tasks) as ${a").append(i).append("}\"\n");
      s.append("echo \"").append(a.name()).append(" ${a").append(i).append("}\" >> \"$logs/arrays\"\n");
    }
    s.append("echo \"logs: $logs\"\n");
    return s.toString();
  }

  /** Single-quotes a word for bash. */
  static String quote(String word) {
    if (word.matches("[A-Za-z0-9_./:=+-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
