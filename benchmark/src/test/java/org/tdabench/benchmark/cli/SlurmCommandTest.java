package org.tdabench.benchmark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tdabench.benchmark.cli.CliTest.assertOneLineError;
import static org.tdabench.benchmark.cli.CliTest.run;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.benchmark.exec.Job;
import org.tdabench.benchmark.exec.JobStatus;
import org.tdabench.benchmark.exec.JobStore;
import org.tdabench.benchmark.store.ArtifactStore;
import org.tdabench.core.UserError;

/**
 * Planning a tiny run for Slurm, a second run (another seed) into the same store, what {@code report}
 * refuses, and {@code job}: the checks before anything runs, several jobs per task, one-line failures
 * and the status records. One tiny training runs (seconds); nothing needs Slurm.
 */
class SlurmCommandTest {
  @TempDir static Path dir;
  static Path cache;
  static Path store;
  static Path jar;
  static Run plan0;

  /** A jar with a manifest Class-Path, standing in for tdabench.jar and its lib/. */
  static Path fakeJar(Path folder) throws Exception {
    Files.createDirectories(folder.resolve("lib"));
    Files.writeString(folder.resolve("lib/dep.jar"), "not really a jar");
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/dep.jar");
    Path j = folder.resolve("tdabench.jar");
    try (OutputStream out = Files.newOutputStream(j); JarOutputStream jo = new JarOutputStream(out, m)) {
      jo.flush();
    }
    return j;
  }

  @BeforeAll
  static void planTinySeed0() throws Exception {
    cache = dir.resolve("cache");
    store = cache.resolve("store");
    jar = fakeJar(dir.resolve("build"));
    plan0 = run("slurm", "--preset", "tiny", "--cache", cache.toString(), "--scripts", dir.resolve("s0").toString(),
        "--jar", jar.toString(), "--partition", "cpu", "--account", "p1", "--setup", "module load java/17");
  }

  static long jobFiles() throws Exception {
    try (Stream<Path> s = Files.list(store.resolve("jobs"))) {
      return s.filter(p -> p.toString().endsWith(".json")).count();
    }
  }

  static Map<String, byte[]> read(Path folder, String suffix) throws Exception {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.list(folder)) {
      for (Path p : s.filter(p -> p.toString().endsWith(suffix)).toList()) {
        m.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return m;
  }

  @Test
  void planningWritesPortableScriptsAndASecondRunSharesTheStore() throws Exception {
    assertEquals(0, plan0.code(), plan0.err());
    assertTrue(plan0.out().startsWith("75 jobs saved in " + store + "; 12 arrays"), plan0.out());
    assertEquals(75, jobFiles());
    Path s0 = dir.resolve("s0");
    Map<String, byte[]> scripts = read(s0, ".sbatch");
    assertEquals(12, scripts.size(), scripts.keySet().toString());
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(s0.resolve("submit.sh"))));
    String train = new String(scripts.get("tdabench-tiny-s0-w00-train.sbatch"));
    assertTrue(train.contains("#SBATCH --partition=cpu\n#SBATCH --account=p1\n"), train);
    assertTrue(train.contains("\nmodule load java/17\n"), train);
    // the jar and its libraries are copied into the store: a rebuild does not swap them under pending tasks
    String copied = train.substring(train.indexOf(" -jar ") + 6, train.indexOf(" job --store"));
    assertTrue(copied.startsWith(store.resolve("jobs/bin").toString()), copied);
    assertTrue(Files.isRegularFile(Path.of(copied).resolveSibling("lib/dep.jar")), copied);
    assertTrue(train.contains(" job --store " + store + " ${tasks[$SLURM_ARRAY_TASK_ID]}"), train);

    Map<String, byte[]> jobs0 = read(store.resolve("jobs"), ".json");
    Run plan1 = run("slurm", "--preset", "tiny", "--seed", "1", "--cache", cache.toString(), "--scripts",
        dir.resolve("s1").toString(), "--jar", jar.toString());
    assertEquals(0, plan1.code(), plan1.err());
    assertEquals(150, jobFiles(), "another seed plans 75 other jobs beside the first run's");
    Map<String, byte[]> after = read(store.resolve("jobs"), ".json");
    jobs0.forEach((name, bytes) -> assertTrue(java.util.Arrays.equals(bytes, after.get(name)), name + " untouched"));
    Run again = run("slurm", "--preset", "tiny", "--cache", cache.toString(), "--scripts", s0.toString(),
        "--jar", jar.toString(), "--partition", "cpu", "--account", "p1", "--setup", "module load java/17");
    assertEquals(0, again.code(), again.err());
    assertEquals(scripts.keySet(), read(s0, ".sbatch").keySet());
    scripts.forEach((name, bytes) -> assertTrue(java.util.Arrays.equals(bytes, read0(s0, name)), "replanning " + name));
  }

  private static byte[] read0(Path folder, String name) {
    try {
      return Files.readAllBytes(folder.resolve(name));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void reportRefusesWithOneLineNamingWhatIsMissing() {
    assertEquals(0, plan0.code(), plan0.err());
    assertOneLineError(run("report", "--preset", "tiny", "--cache", dir.resolve("elsewhere").toString(), "--out",
        dir.resolve("o").toString()), "no run was planned or computed in " + dir.resolve("elsewhere/store"));
    assertOneLineError(run("report", "--preset", "tiny", "--cache", cache.toString(), "--seed", "7", "--out",
        dir.resolve("o").toString()), "holds none of this run's 75 jobs (preset tiny, dataset procedural, seed 7");
    Run r = run("report", "--preset", "tiny", "--cache", cache.toString(), "--out", dir.resolve("o").toString());
    assertOneLineError(r, "jobs of this run are not finished in store " + store);
    assertTrue(r.err().contains("or add --compute-missing"), r.err());
    assertFalse(Files.exists(dir.resolve("o/results")), "nothing written");
  }

  @Test
  void badSlurmOptionsAreOneLine() {
    String c = cache.toString();
    String s = dir.resolve("bad").toString();
    assertOneLineError(run("slurm", "--preset", "tiny", "--cache", c, "--scripts", s, "--time", "lots"),
        "not a Slurm time");
    assertOneLineError(run("slurm", "--preset", "tiny", "--cache", c, "--scripts", s, "--mem", "lots"),
        "not a Slurm size");
    assertOneLineError(run("slurm", "--preset", "tiny", "--cache", c, "--scripts", s, "--cpus", "2", "--threads", "3"),
        "--cpus 2 and --threads 3 differ");
    assertOneLineError(run("slurm", "--preset", "tiny", "--cache", c, "--scripts", s, "--jar",
        dir.resolve("nope.jar").toString()), "no tdabench jar at");
    assertOneLineError(run("slurm", "--preset", "tiny", "--cache", c), "--scripts DIR is required");
    assertOneLineError(run("slurm", "--preset", "tiny", "--cache", c, "--scripts", s, "--jar", jar.toString(),
        "--partition", "a b"), "is not a plain Slurm value");
  }

  @Test
  void dryRunPrintsTheCostTableAndWritesNothing() {
    Path none = dir.resolve("dry-cache");
    Run r = run("slurm", "--dry-run", "--preset", "paper-cifar10", "--cache", none.toString(), "--gpus", "1");
    assertEquals(0, r.code(), r.err());
    for (String row : new String[] {"| 0 | train | 244 |", "| 1 | targets | 4 |", "| 2 | attribute | 52 |",
        "| 2 | lds-ground-truth | 240 |", "| 3 | ablate | 52 |", "|  | total | 616 |"}) {
      assertTrue(r.out().contains(row), row + "\n" + r.out());
    }
    assertTrue(r.out().contains("Modelled, not measured"), r.out());
    assertTrue(r.out().contains("1 GPU"), r.out());
    assertFalse(Files.exists(none));
  }

  @Test
  void jobChecksItsStoreRunsSeveralJobsAndRecordsEachAttempt() throws Exception {
    assertEquals(0, plan0.code(), plan0.err());
    JobStore js = new JobStore(ArtifactStore.open(store));
    String main = trainMainId();
    assertOneLineError(run("job", "--store", store.toString(), "no-such-job"), "no job 'no-such-job' in store " + store);
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    assertOneLineError(run("job", "--store", other.toString(), main), "no planned jobs in " + other);
    UserError ro = assertThrows(UserError.class, () -> JobCommand.requireWritable(Path.of("/proc")));
    assertTrue(ro.getMessage().startsWith("store /proc is not writable by user "), ro.getMessage());

    // A job that throws (its items are not in the training set) fails in one line; the other still runs.
    Job good = js.load(main);
    @SuppressWarnings("unchecked")
    Map<String, Object> request = new TreeMap<>((Map<String, Object>) good.recipe().get("request"));
    request.put("items", List.of(0, 99_999));
    request.put("label", "broken");
    Job broken = Job.addressed("train-broken", "train", Map.of("run", good.recipe().get("run"), "request", request));
    js.save(broken);
    Run r = run("job", "--cache", cache.toString(), broken.id(), main);
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("tdabench: job " + broken.id() + " (train) started on "), r.err());
    assertTrue(r.err().contains("tdabench: job " + broken.id() + " failed: "), r.err());
    assertTrue(r.err().contains("tdabench: 1 of 2 jobs failed: " + broken.id()), r.err());
    assertTrue(r.out().contains("job " + main + " done in "), r.out());
    assertEquals(JobStatus.State.FAILED, js.status(broken.id()).orElseThrow().state());
    assertFalse(js.status(broken.id()).orElseThrow().error().contains("\n"));
    assertEquals(JobStatus.State.DONE, js.status(main).orElseThrow().state());

    long artifacts = sidecars();
    Run again = run("job", "--store", store.toString(), main);
    assertEquals(0, again.code(), again.err());
    assertEquals(artifacts, sidecars(), "a finished job computes nothing");

    Run status = run("slurm", "--status", "--preset", "tiny", "--cache", cache.toString(), "--scripts",
        dir.resolve("s0").toString());
    assertEquals(0, status.code(), status.err());
    assertTrue(status.out().contains("1 of 75 jobs of this run done"), status.out());
    assertTrue(status.out().matches("(?s).*\n +0 train +1 +0 +0 +0 +16\n.*"), status.out());
    assertTrue(status.out().contains("resubmit: " + dir.resolve("s0/submit.sh")), status.out());
  }

  @Test
  void jobsOfDifferentThreadCountsNeverShareAProcess() {
    Job one = Job.of("a", "train", Map.of("run", Map.of("threads", 1)));
    Job two = Job.of("b", "train", Map.of("run", Map.of("threads", 2)));
    JobCommand.requireOneThreadCount(List.of(one, one, Job.of("c", "other", Map.of())));
    UserError e = assertThrows(UserError.class, () -> JobCommand.requireOneThreadCount(List.of(one, two)));
    assertTrue(e.getMessage().contains("different TensorFlow thread counts [1, 2]"), e.getMessage());
  }

  /** Seed 0's main training: the first job of its first array. */
  private static String trainMainId() throws Exception {
    String train = Files.readString(dir.resolve("s0/tdabench-tiny-s0-w00-train.sbatch"));
    String first = train.substring(train.indexOf("tasks=(\n  \"") + 11).split("[ \"]")[0];
    assertTrue(first.startsWith("train-main_seed_0-"), first);
    return first;
  }

  private static long sidecars() throws Exception {
    try (Stream<Path> s = Files.walk(store)) {
      return s.filter(p -> p.getFileName().toString().equals("sidecar.json")).count();
    }
  }
}
