package org.tdabench.benchmark.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.tdabench.benchmark.exec.CostModel;
import org.tdabench.benchmark.exec.CostTable;
import org.tdabench.benchmark.exec.JarBundle;
import org.tdabench.benchmark.exec.Job;
import org.tdabench.benchmark.exec.JobGraph;
import org.tdabench.benchmark.exec.JobStore;
import org.tdabench.benchmark.exec.SlurmConfig;
import org.tdabench.benchmark.exec.SlurmPartitions;
import org.tdabench.benchmark.exec.SlurmScripts;
import org.tdabench.benchmark.exec.TaskSizing;
import org.tdabench.benchmark.exec.Throughput;
import org.tdabench.benchmark.run.Pipeline;
import org.tdabench.benchmark.run.RunConfig;
import org.tdabench.benchmark.run.RunCost;
import org.tdabench.benchmark.store.ArtifactStore;
import org.tdabench.core.AtomicFiles;
import org.tdabench.core.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tdabench slurm --scripts DIR}: saves the run's job graph in the shared store, copies the jar
 * there, and writes one sbatch job array per job kind and dependency wave plus {@code submit.sh};
 * {@code --status} says how far the run is, {@code --dry-run} prints the plan and its modelled cost.
 * After the arrays finish, {@code tdabench report} (same options) writes the leaderboard.
 */
@Command(name = "slurm", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Plan the whole run as Slurm job arrays against a shared cache (one array per job kind and "
        + "dependency wave, small jobs packed into one task): submit with <DIR>/submit.sh, follow with --status, "
        + "then run `tdabench report` with the same options.",
        "Real datasets are prepared here, on the planning node (`tdabench fetch` first where compute nodes have "
            + "no network); the cache must be on a file system the nodes share."})
public final class SlurmCommand implements Callable<Integer> {
  @Mixin
  RunOptions options;

  @Option(names = "--scripts", paramLabel = "DIR", description = "Where the scripts go (and the logs of each "
      + "submission, in DIR/logs/<time>-<pid>/).")
  Path scripts;

  @Option(names = "--dry-run", description = "Print the job graph per wave with its modelled GPU-hours, CPU-hours, "
      + "peak memory and storage; prepares, saves and writes nothing.")
  boolean dryRun;

  @Option(names = "--status", description = "Summarise the planned run from the store (done, failed, pending) and "
      + "print the command that finishes it.")
  boolean status;

  @Option(names = "--jar", paramLabel = "PATH", description = "tdabench.jar to run (default: this one); it and its "
      + "lib/ are copied into the store, so a rebuild does not change what pending tasks run.")
  Path jar;

  @Option(names = "--java", paramLabel = "PATH", defaultValue = "java",
      description = "The java executable on the nodes (default: java on their PATH).")
  String java;

  @Option(names = "--setup", paramLabel = "LINE", description = "A shell line the tasks run before java, e.g. "
      + "'module load java/17' (repeatable).")
  List<String> setup = new ArrayList<>();

  @Option(names = "--cpus", paramLabel = "N", description = "CPUs per task, which is also every job's TensorFlow "
      + "thread count (same as --threads; default 1).")
  Integer cpus;

  @Option(names = "--gpus", paramLabel = "N", defaultValue = "0",
      description = "GPUs per task (--gres=gpu:N); costs are then modelled on GPUs (default 0).")
  int gpus;

  @Option(names = "--gres", paramLabel = "SPEC", description = "Generic resources per task instead, e.g. gpu:a100:1.")
  String gres;

  @Option(names = "--partition", paramLabel = "NAME", description = "Slurm partition (default: the cluster's).")
  String partition;

  @Option(names = "--account", paramLabel = "NAME", description = "Slurm account to charge.")
  String account;

  @Option(names = "--qos", paramLabel = "NAME", description = "Slurm quality of service.")
  String qos;

  @Option(names = "--constraint", paramLabel = "FEATURES", description = "Node features required (sbatch "
      + "--constraint).")
  String constraint;

  @Option(names = "--mem", paramLabel = "SIZE", description = "Memory per task for every array (default: modelled "
      + "per job kind from the model size); the JVM heap is half of it.")
  String mem;

  @Option(names = "--time", paramLabel = "TIME", description = "Time limit per task for every array (default: "
      + "twice the modelled time, at least 10 minutes, at most the partition's limit).")
  String time;

  @Option(names = "--pack", paramLabel = "TIME", defaultValue = "00:10:00", description = "Jobs modelled shorter "
      + "than this share one task up to this modelled time (one JVM start; default ${DEFAULT-VALUE}).")
  String pack;

  @Option(names = "--max-parallel", paramLabel = "N", defaultValue = "0",
      description = "Most tasks of one array running at once (default: no limit).")
  int maxParallel;

  @Option(names = "--sbatch-opt", paramLabel = "OPT", description = "A further #SBATCH option, e.g. "
      + "--mail-type=FAIL (repeatable).")
  List<String> sbatchOpts = new ArrayList<>();

  @Option(names = "--cpu-gflops", paramLabel = "X", defaultValue = "" + DEFAULT_CPU_GFLOPS, description = "Cost model: "
      + "sustained GFLOP/s of one CPU thread (default ${DEFAULT-VALUE}, measured; see README).")
  double cpuGflops;

  @Option(names = "--gpu-tflops", paramLabel = "X", defaultValue = "" + DEFAULT_GPU_TFLOPS, description = "Cost model: "
      + "sustained TFLOP/s of one GPU (default ${DEFAULT-VALUE}, assumed; see README).")
  double gpuTflops;

  /**
   * One TensorFlow thread on a training step, measured on an AMD EPYC core with AVX-512:
   * {@code tdabench bench model --preset paper-cifar10 --batch 4 --threads 1 --steps 3} gave 16.4
   * GFLOP/s (0.32 of the same run's fp32 GEMM), {@code --preset small --threads 1} 16.1 (0.29).
   */
  static final double DEFAULT_CPU_GFLOPS = 16;
  /** Assumed, not measured: about a quarter of a recent data-centre GPU's TF32 peak. */
  static final double DEFAULT_GPU_TFLOPS = 40;
  /** Per job: starting TensorFlow, building and compiling graphs, loading weights. */
  static final double START_SECONDS = 20;

  @Override
  public Integer call() throws Exception {
    RunConfig cfg = config();
    Throughput tp = throughput();
    PrintStream out = System.out;
    if (dryRun) {
      List<Job> jobs = new Pipeline(cfg, System.err).outline();
      RunCost costs = RunCost.planned(cfg);
      List<SlurmScripts.Array> arrays = SlurmScripts.plan(new JobGraph(jobs), sizing(costs, tp, cfg), name(cfg));
      SlurmPlanPrinter.print(out, cfg, costs, arrays, tp, gpus);
      return 0;
    }
    if (scripts == null) {
      throw new UserError("--scripts DIR is required (where the scripts are, or go)");
    }
    Path dir = scripts.toAbsolutePath().normalize();
    Pipeline pipeline = new Pipeline(cfg, System.err);
    if (status) {
      return SlurmStatus.print(out, pipeline.check(), dir);
    }
    List<Job> jobs = pipeline.plan();
    Path store = cfg.cache().toAbsolutePath().resolve("store");
    JobStore js = new JobStore(ArtifactStore.open(store, cfg.threads()));
    for (Job j : jobs) {
      js.save(j);
    }
    Path installed = JarBundle.install(jarPath(), store);
    RunCost costs = pipeline.costs();
    List<SlurmScripts.Array> arrays = SlurmScripts.plan(new JobGraph(jobs), sizing(costs, tp, cfg), name(cfg));
    String g = gres != null ? gres : gpus > 0 ? "gpu:" + gpus : null;
    SlurmConfig sc;
    try {
      sc = new SlurmConfig(java, installed.toString(), store.toString(), partition, account, qos, constraint, g,
          maxParallel, setup, sbatchOpts);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    write(dir, SlurmScripts.generate(arrays, sc));
    int tasks = arrays.stream().mapToInt(a -> a.tasks().size()).sum();
    out.printf(Locale.ROOT, "%d jobs saved in %s; %d arrays (%d tasks) in %s%n", jobs.size(), store, arrays.size(),
        tasks, dir);
    out.println("jar: " + installed);
    out.println("submit: " + dir.resolve("submit.sh"));
    out.println("follow: tdabench slurm --status " + String.join(" ", runArgs(cfg)) + " --scripts " + dir);
    out.println("then:   tdabench report " + String.join(" ", runArgs(cfg)));
    return 0;
  }

  private RunConfig config() {
    if (cpus != null && options.threads != 1 && cpus != options.threads) {
      throw new UserError("--cpus " + cpus + " and --threads " + options.threads + " differ: every job uses as many "
          + "TensorFlow threads as its task has CPUs; give one of them");
    }
    RunConfig cfg = options.config(Path.of("."));
    if (cpus != null) {
      if (cpus < 1) {
        throw new UserError("--cpus must be >= 1, got " + cpus);
      }
      cfg = cfg.withThreads(cpus);
    }
    if (gpus < 0 || maxParallel < 0) {
      throw new UserError("--gpus and --max-parallel must be >= 0");
    }
    TaskSizing.parseTime(pack);
    if (time != null) {
      TaskSizing.parseTime(time);
    }
    if (mem != null) {
      TaskSizing.parseMemoryMib(mem);
    }
    return cfg;
  }

  private Throughput throughput() {
    if (!(cpuGflops > 0) || !(gpuTflops > 0)) {
      throw new UserError("--cpu-gflops and --gpu-tflops must be > 0");
    }
    return new Throughput(cpuGflops, gpuTflops, START_SECONDS);
  }

  private TaskSizing sizing(CostModel costs, Throughput tp, RunConfig cfg) {
    long cap = dryRun || time != null ? 0 : SlurmPartitions.maxMinutes(partition).orElse(0);
    return new TaskSizing(costs, tp, cfg.threads(), gpus, TaskSizing.parseTime(pack) * 60.0, time, mem, cap);
  }

  private static String name(RunConfig cfg) {
    return "tdabench-" + cfg.preset() + "-s" + cfg.seed();
  }

  private Path jarPath() throws Exception {
    if (jar != null) {
      return jar.toAbsolutePath();
    }
    Path self = Path.of(SlurmCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (!Files.isRegularFile(self)) {
      throw new UserError("tdabench is not running from its jar (" + self + "): pass --jar PATH of tdabench.jar");
    }
    return self;
  }

  /** The run options that identify the run, as they were given, for the commands printed. */
  static List<String> runArgs(RunConfig cfg) {
    List<String> a = new ArrayList<>(List.of("--preset", cfg.preset(), "--cache", cfg.cache().toString()));
    if (!cfg.effectiveDataset().equals(org.tdabench.benchmark.run.BenchmarkPresets.get(cfg.preset()).dataset())) {
      a.addAll(List.of("--dataset", cfg.effectiveDataset()));
    }
    if (cfg.seed() != 0) {
      a.addAll(List.of("--seed", String.valueOf(cfg.seed())));
    }
    if (!cfg.methods().equals(List.of("all"))) {
      a.addAll(List.of("--methods", String.join(",", cfg.methods())));
    }
    cfg.methodOptions().forEach((m, o) -> o.forEach((k, v) -> a.addAll(List.of("--method-opt", m + "." + k + "=" + v))));
    if (cfg.threads() != 1) {
      a.addAll(List.of("--threads", String.valueOf(cfg.threads())));
    }
    return a.stream().map(SlurmCommand::shellWord).toList();
  }

  private static String shellWord(String w) {
    return w.matches("[A-Za-z0-9_./:=,+-]+") ? w : "'" + w.replace("'", "'\\''") + "'";
  }

  /** Writes the scripts readable and executable by everyone, removing this tool's stale array scripts. */
  private static void write(Path dir, Map<String, String> files) throws IOException {
    Files.createDirectories(dir);
    try (Stream<Path> old = Files.list(dir)) {
      for (Path p : old.filter(p -> p.getFileName().toString().endsWith(".sbatch")).toList()) {
        if (!files.containsKey(p.getFileName().toString())
            && Files.readString(p, StandardCharsets.UTF_8).startsWith("#!/bin/bash\n#SBATCH --job-name=tdabench-")) {
          Files.delete(p);
        }
      }
    }
    Set<java.nio.file.attribute.PosixFilePermission> rwxrxrx = PosixFilePermissions.fromString("rwxr-xr-x");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      AtomicFiles.writeBytes(p, f.getValue().getBytes(StandardCharsets.UTF_8));
      try {
        Files.setPosixFilePermissions(p, rwxrxrx);
      } catch (UnsupportedOperationException e) {
        p.toFile().setExecutable(true, false);
        p.toFile().setReadable(true, false);
      }
    }
  }
}
