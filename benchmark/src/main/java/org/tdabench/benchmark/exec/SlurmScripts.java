package org.tdabench.benchmark.exec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates Slurm batch scripts for a job graph: one {@code sbatch --array} script per dependency
 * wave ({@link JobGraph#waves()}), whose task i runs {@code java -jar tdabench.jar job <id_i> --cache
 * <store> --threads <cpus>}, and a {@code submit.sh} that submits the waves in order, each with
 * {@code --dependency=afterok:<previous array>} (afterok on an array waits for all its tasks). Waves
 * are coarser than the exact dependencies, which is correct and keeps the number of Slurm jobs
 * small. The job descriptions must be saved in the shared store first ({@link JobStore#save}).
 *
 * <p>Only text is produced here; nothing requires Slurm to be installed.
 */
public final class SlurmScripts {
  private SlurmScripts() {}

  /** File name -> script text, in submission order, ending with "submit.sh". */
  public static Map<String, String> generate(JobGraph graph, SlurmConfig cfg, String name) {
    Map<String, String> files = new LinkedHashMap<>();
    List<String> arrays = new ArrayList<>();
    List<List<Job>> waves = graph.waves();
    for (int w = 0; w < waves.size(); w++) {
      String file = String.format(java.util.Locale.ROOT, "%s-wave%02d.sbatch", name, w);
      files.put(file, arrayScript(waves.get(w), cfg, name + "-w" + w));
      arrays.add(file);
    }
    files.put("submit.sh", submitScript(arrays, cfg));
    return files;
  }

  static String arrayScript(List<Job> wave, SlurmConfig cfg, String jobName) {
    StringBuilder s = new StringBuilder();
    s.append("#!/bin/bash\n");
    s.append("#SBATCH --job-name=").append(jobName).append('\n');
    String range = "0-" + (wave.size() - 1) + (cfg.maxParallel() > 0 ? "%" + cfg.maxParallel() : "");
    s.append("#SBATCH --array=").append(range).append('\n');
    s.append("#SBATCH --cpus-per-task=").append(cfg.cpusPerTask()).append('\n');
    s.append("#SBATCH --mem=").append(cfg.memory()).append('\n');
    s.append("#SBATCH --time=").append(cfg.time()).append('\n');
    if (cfg.partition() != null) {
      s.append("#SBATCH --partition=").append(cfg.partition()).append('\n');
    }
    s.append("#SBATCH --output=").append(cfg.store()).append("/jobs/logs/%x-%A_%a.log\n");
    for (String d : cfg.extraDirectives()) {
      s.append("#SBATCH ").append(d).append('\n');
    }
    s.append("set -euo pipefail\n");
    s.append("ids=(");
    for (int i = 0; i < wave.size(); i++) {
      s.append(i == 0 ? "" : " ").append(wave.get(i).id()); // ids are shell-safe by construction
    }
    s.append(")\n");
    s.append("exec ").append(quote(cfg.java())).append(" -jar ").append(quote(cfg.jar()))
        .append(" job \"${ids[$SLURM_ARRAY_TASK_ID]}\" --cache ").append(quote(cfg.store()))
        .append(" --threads ").append(cfg.cpusPerTask()).append('\n');
    return s.toString();
  }

  static String submitScript(List<String> arrays, SlurmConfig cfg) {
    StringBuilder s = new StringBuilder();
    s.append("#!/bin/bash\n");
    s.append("# Submits the job arrays in dependency order; run from this folder.\n");
    s.append("set -euo pipefail\n");
    s.append("cd \"$(dirname \"$0\")\"\n");
    s.append("mkdir -p ").append(quote(cfg.store() + "/jobs/logs")).append(" # Slurm does not create log folders\n");
    for (int i = 0; i < arrays.size(); i++) {
      s.append("w").append(i).append("=$(sbatch --parsable");
      if (i > 0) {
        s.append(" --dependency=afterok:${w").append(i - 1).append("%%;*}");
      }
      s.append(' ').append(quote(arrays.get(i))).append(")\n");
      s.append("echo \"submitted ").append(arrays.get(i)).append(" as ${w").append(i).append("}\"\n");
    }
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
