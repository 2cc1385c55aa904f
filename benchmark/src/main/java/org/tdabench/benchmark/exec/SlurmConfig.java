package org.tdabench.benchmark.exec;

import java.util.List;

/**
 * Settings shared by every generated Slurm script; what each array asks for (CPUs, memory, time,
 * GPUs) comes from {@link TaskSizing}.
 *
 * @param java the java executable on the compute nodes ("java": the one on the PATH there)
 * @param jar absolute path of tdabench.jar as the nodes see it (a copy that no rebuild replaces)
 * @param store absolute path of the shared artifact store: the only place jobs read and write
 * @param partition partition name, or null for the cluster default
 * @param account account to charge, or null
 * @param qos quality of service, or null
 * @param constraint node features required (sbatch --constraint), or null
 * @param gres generic resources of every task (e.g. "gpu:1"), or null
 * @param maxParallel most tasks of one array running at once (sbatch "%"), 0 for no limit
 * @param setup shell lines run before java on the node (e.g. "module load java/17")
 * @param extraDirectives further {@code #SBATCH} lines, without the prefix
 */
public record SlurmConfig(String java, String jar, String store, String partition, String account, String qos,
    String constraint, String gres, int maxParallel, List<String> setup, List<String> extraDirectives) {

  public SlurmConfig {
    if (jar == null || store == null || !jar.startsWith("/") || !store.startsWith("/")) {
      throw new IllegalArgumentException("Slurm jobs run in their submit folder: give absolute jar and store paths");
    }
    if (java == null || java.isBlank()) {
      throw new IllegalArgumentException("no java executable given");
    }
    if (maxParallel < 0) {
      throw new IllegalArgumentException("maxParallel must be >= 0");
    }
    setup = List.copyOf(setup);
    extraDirectives = List.copyOf(extraDirectives);
    for (String v : new String[] {partition, account, qos, constraint, gres}) {
      if (v != null && !v.matches("[A-Za-z0-9_.,:=|&*+-]+")) {
        throw new IllegalArgumentException("'" + v + "' is not a plain Slurm value");
      }
    }
  }

  /** Defaults: java from the PATH, the cluster's default partition and account, no GPUs. */
  public static SlurmConfig defaults(String jar, String store) {
    return new SlurmConfig("java", jar, store, null, null, null, null, null, 0, List.of(), List.of());
  }

  /** This configuration with {@code gres} on every task. */
  public SlurmConfig withGres(String g) {
    return new SlurmConfig(java, jar, store, partition, account, qos, constraint, g, maxParallel, setup,
        extraDirectives);
  }
}
