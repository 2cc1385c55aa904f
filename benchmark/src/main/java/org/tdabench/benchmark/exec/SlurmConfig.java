package org.tdabench.benchmark.exec;

import java.util.List;

/**
 * Settings of the generated Slurm scripts.
 *
 * @param java the java executable on the compute nodes (default "java")
 * @param jar absolute path of tdabench.jar as the nodes see it
 * @param store absolute path of the shared artifact store
 * @param cpusPerTask CPUs per array task; also the job's thread count (default 1)
 * @param memory memory per task, sbatch syntax, e.g. "8G"
 * @param time wall-time limit per task, sbatch syntax, e.g. "04:00:00"
 * @param partition partition name, or null for the cluster default
 * @param maxParallel most tasks of one array running at once (sbatch "%"), 0 for no limit
 * @param extraDirectives further {@code #SBATCH} lines, without the prefix (e.g. "--gres=gpu:1")
 */
public record SlurmConfig(String java, String jar, String store, int cpusPerTask, String memory, String time,
    String partition, int maxParallel, List<String> extraDirectives) {

  public SlurmConfig {
    if (jar == null || store == null || !jar.startsWith("/") || !store.startsWith("/")) {
      throw new IllegalArgumentException("Slurm jobs run in their submit folder: give absolute jar and store paths");
    }
    if (cpusPerTask < 1) {
      throw new IllegalArgumentException("cpusPerTask must be >= 1");
    }
    extraDirectives = List.copyOf(extraDirectives);
  }

  /** Defaults: "java", 1 CPU, 8G, 24 h, default partition, no array limit. */
  public static SlurmConfig defaults(String jar, String store) {
    return new SlurmConfig("java", jar, store, 1, "8G", "24:00:00", null, 0, List.of());
  }
}
