package org.tdabench.benchmark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tdabench.benchmark.exec.Job;
import org.tdabench.benchmark.exec.JobGraph;
import org.tdabench.benchmark.exec.JobStore;
import org.tdabench.benchmark.exec.SlurmConfig;
import org.tdabench.benchmark.exec.SlurmScripts;
import org.tdabench.benchmark.run.Pipeline;
import org.tdabench.benchmark.run.RunConfig;
import org.tdabench.benchmark.store.ArtifactStore;
import org.tdabench.core.AtomicFiles;
import org.tdabench.core.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tdabench slurm --scripts DIR}: saves the run's job graph in the shared store and writes one
 * sbatch job array per dependency wave plus {@code submit.sh}; after the arrays finish,
 * {@code tdabench report} (same options) writes the leaderboard from the store.
 */
@Command(name = "slurm", mixinStandardHelpOptions = true,
    description = "Write Slurm job-array scripts for the whole run (one array per dependency wave) against a "
        + "shared cache; submit with <DIR>/submit.sh, then run `tdabench report` with the same options.")
public final class SlurmCommand implements Callable<Integer> {
  @Mixin
  RunOptions options;

  @Option(names = "--scripts", required = true, paramLabel = "DIR", description = "Where the scripts go.")
  Path scripts;

  @Option(names = "--jar", paramLabel = "PATH", description = "Absolute path of tdabench.jar on the nodes "
      + "(default: this jar).")
  Path jar;

  @Option(names = "--cpus", defaultValue = "1", description = "CPUs per task (default 1).")
  int cpus;

  @Option(names = "--mem", defaultValue = "8G", description = "Memory per task (default 8G).")
  String mem;

  @Option(names = "--time", defaultValue = "24:00:00", description = "Time limit per task (default 24:00:00).")
  String time;

  @Override
  public Integer call() throws Exception {
    RunConfig cfg = options.config(Path.of("."));
    Path jarPath = jar != null ? jar : Path.of(SlurmCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (!jarPath.isAbsolute()) {
      throw new UserError("--jar must be an absolute path");
    }
    Path store = cfg.cache().toAbsolutePath().resolve("store");
    List<Job> jobs = new Pipeline(cfg, System.err).plan();
    JobStore js = new JobStore(ArtifactStore.open(store, cpus));
    for (Job j : jobs) {
      js.save(j);
    }
    SlurmConfig sc = new SlurmConfig("java", jarPath.toString(), store.toString(), cpus, mem, time, null, 0, List.of());
    Map<String, String> files = SlurmScripts.generate(new JobGraph(jobs), sc, "tdabench-" + cfg.preset());
    Files.createDirectories(scripts);
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = scripts.resolve(f.getKey());
      AtomicFiles.writeBytes(p, f.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (f.getKey().endsWith(".sh")) {
        p.toFile().setExecutable(true);
      }
    }
    System.out.println(jobs.size() + " jobs saved in " + store + "; scripts in " + scripts);
    System.out.println("submit: " + scripts.resolve("submit.sh"));
    return 0;
  }
}
