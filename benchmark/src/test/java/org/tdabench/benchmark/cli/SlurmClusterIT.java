package org.tdabench.benchmark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.benchmark.report.CsvFiles;
import org.tdabench.benchmark.run.Pipeline;
import org.tdabench.benchmark.run.RunConfig;

/**
 * The tiny preset through a real (single-node) Slurm: {@code slurm} plans two runs (seed 0 with every
 * method, seed 1 with pixel) into one store, {@code submit.sh} submits them, a running task is
 * cancelled and the rerun finishes the run, {@code report} (which refuses nothing) writes CSVs
 * byte-identical to an in-process run's except the timing column, and one more submission computes
 * nothing. Runs where {@code .ci/slurm.sh start} brought a cluster up and exported
 * {@code TDABENCH_TEST_SLURM_CONF}; skipped elsewhere (never touches a cluster it was not given).
 */
class SlurmClusterIT {
  /** Seed 0's methods: training-free, unlearning and gradient (every job kind and wave). */
  private static final String SEED0_METHODS = "pixel,mucs,dtrak";

  static final String CONF_ENV = "TDABENCH_TEST_SLURM_CONF";
  static final long WAIT_SECONDS = 600;

  @TempDir Path dir;
  String conf;
  final long t0 = System.nanoTime();

  /** Elapsed time per phase, in the test's output file (what the test costs CI). */
  private void phase(String name) {
    System.err.printf(java.util.Locale.ROOT, "SlurmClusterIT %6.1f s: %s%n", (System.nanoTime() - t0) / 1e9, name);
  }

  @Test
  void tinyRunsThroughSlurmMatchTheInProcessRunAndShareOneStore() throws Exception {
    conf = System.getenv(CONF_ENV);
    Assumptions.assumeTrue(conf != null && Files.isRegularFile(Path.of(conf)),
        "no test cluster (.ci/slurm.sh start exports " + CONF_ENV + ")");
    Assumptions.assumeTrue(sh("sinfo", "-h", "-o", "%t").code == 0, "the test cluster does not answer");
    Path jar = Path.of("target", "tdabench.jar").toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), "the integration tests run after `package`: " + jar);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    // The reference: the same runs in this process.
    phase("start");
    // Seed 0 with a training-free, an unlearning and a gradient method: every job kind and wave
    // (the full method list only adds more jobs of the same kinds).
    Path ref0 = inProcess(0, List.of(SEED0_METHODS.split(",")), "ref0");
    Path ref1 = inProcess(1, List.of("pixel"), "ref1");
    phase("in-process references");

    // Two runs planned into one store.
    Path cache = dir.resolve("shared");
    Path s0 = dir.resolve("scripts0");
    Path s1 = dir.resolve("scripts1");
    plan(cache, s0, jar, java, "--seed", "0", "--methods", SEED0_METHODS);
    plan(cache, s1, jar, java, "--seed", "1", "--methods", "pixel");
    phase("planned");

    // Seed 0: cancel the training task once a training finished; the arrays that depend on it go too.
    submit(s0);
    String task = awaitRunning("tdabench-tiny-s0-w00-train");
    awaitLogLine(s0, "done in ");
    assertEquals(0, sh("scancel", task).code);
    awaitGone("tdabench-tiny-s0-");
    phase("cancelled " + task);
    Run interrupted = Run.of("slurm", "--status", "--preset", "tiny", "--methods", SEED0_METHODS, "--cache",
        cache.toString(), "--scripts", s0.toString());
    assertEquals(0, interrupted.code(), interrupted.err());
    assertTrue(interrupted.out().contains(" interrupted (Slurm task " + task), interrupted.out());
    assertTrue(interrupted.out().contains("resubmit: " + s0.resolve("submit.sh")), interrupted.out());
    assertTrue(Run.of("report", "--preset", "tiny", "--methods", SEED0_METHODS, "--cache", cache.toString(), "--out",
        dir.resolve("early").toString()).err().contains("jobs of this run are not finished"),
        "report refuses an unfinished run");

    // Both runs to the end: seed 0 resubmitted beside seed 1.
    submit(s0);
    submit(s1);
    awaitGone("tdabench-");
    phase("both runs finished on Slurm");
    Run done = Run.of("slurm", "--status", "--preset", "tiny", "--methods", SEED0_METHODS, "--cache",
        cache.toString(), "--scripts", s0.toString());
    assertTrue(done.out().contains("26 of 26 jobs of this run done"), done.out());
    assertTrue(logs(s0).contains("tdabench: job train-main_seed_0-"), "logs name their jobs");

    Path out0 = report(cache, "out0", "--seed", "0", "--methods", SEED0_METHODS);
    Path out1 = report(cache, "out1", "--seed", "1", "--methods", "pixel");
    assertSameResults(ref0, out0);
    assertSameResults(ref1, out1);
    phase("reported and compared");

    // One more submission finds everything and computes nothing.
    Map<String, FileTime> before = artifacts(cache);
    submit(s0);
    awaitGone("tdabench-");
    assertEquals(before, artifacts(cache), "a resubmission of a finished run writes no artifact");
    phase("resubmitted, nothing computed");
  }

  private Path inProcess(long seed, List<String> methods, String name) throws Exception {
    Path out = dir.resolve(name);
    new Pipeline(new RunConfig("tiny", null, methods, seed, dir.resolve(name + "-cache"), out, Map.of(), 2),
        new PrintStream(new ByteArrayOutputStream())).run();
    return out;
  }

  private void plan(Path cache, Path scripts, Path jar, String java, String... more) {
    List<String> args = new ArrayList<>(List.of("slurm", "--preset", "tiny", "--cache", cache.toString(), "--scripts",
        scripts.toString(), "--jar", jar.toString(), "--java", java));
    args.addAll(List.of(more));
    Run r = Run.of(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
  }

  private Path report(Path cache, String name, String... more) {
    Path out = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("report", "--preset", "tiny", "--cache", cache.toString(), "--out",
        out.toString()));
    args.addAll(List.of(more));
    Run r = Run.of(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    return out;
  }

  /** Every CSV byte-identical, except the leaderboard's timing columns (a fresh JVM per task is slower). */
  private static void assertSameResults(Path expected, Path actual) throws IOException {
    Map<String, Path> want = csvs(expected);
    Map<String, Path> got = csvs(actual);
    assertEquals(want.keySet(), got.keySet());
    for (String name : want.keySet()) {
      if (!name.contains("leaderboard")) {
        assertArrayEquals(Files.readAllBytes(want.get(name)), Files.readAllBytes(got.get(name)), name);
        continue;
      }
      List<String[]> a = CsvFiles.read(want.get(name));
      List<String[]> b = CsvFiles.read(got.get(name));
      assertEquals(a.size(), b.size(), name);
      String[] header = a.get(0);
      for (int r = 0; r < a.size(); r++) {
        assertEquals(header.length, b.get(r).length, name + " row " + r);
        for (int c = 0; c < header.length; c++) {
          if (!header[c].contains("seconds")) {
            assertEquals(a.get(r)[c], b.get(r)[c], name + " row " + r + " column " + header[c]);
          }
        }
      }
    }
  }

  private static Map<String, Path> csvs(Path out) throws IOException {
    Map<String, Path> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(out.resolve("results"))) {
      s.filter(p -> p.toString().endsWith(".csv")).forEach(p -> m.put(out.relativize(p).toString(), p));
    }
    return m;
  }

  /** Every artifact file of the store (job descriptions and status records aside) and its modification time. */
  private static Map<String, FileTime> artifacts(Path cache) throws IOException {
    Path store = cache.resolve("store");
    Map<String, FileTime> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(store)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = store.relativize(p).toString();
        if (!rel.startsWith("jobs") && !rel.endsWith(".lock")) {
          m.put(rel, Files.getLastModifiedTime(p));
        }
      }
    }
    return m;
  }

  private void submit(Path scripts) {
    Result r = sh("bash", scripts.resolve("submit.sh").toString());
    assertEquals(0, r.code, r.out);
  }

  /** Waits until a task of the named array runs; returns its id ("12_0"). */
  private String awaitRunning(String arrayName) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < end) {
      for (String line : sh("squeue", "-h", "-t", "R", "-o", "%i %j").out.split("\n")) {
        String[] f = line.strip().split(" ");
        if (f.length == 2 && f[1].equals(arrayName)) {
          return f[0];
        }
      }
      Thread.sleep(500);
    }
    return fail("no task of " + arrayName + " started: " + sh("squeue").out);
  }

  private void awaitLogLine(Path scripts, String text) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < end) {
      if (logs(scripts).contains(text)) {
        return;
      }
      Thread.sleep(500);
    }
    fail("no log line '" + text + "': " + logs(scripts));
  }

  /** Waits until no job whose name starts with {@code prefix} is queued or running. */
  private void awaitGone(String prefix) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < end) {
      boolean any = false;
      for (String name : sh("squeue", "-h", "-o", "%j").out.split("\n")) {
        any |= name.strip().startsWith(prefix);
      }
      if (!any) {
        return;
      }
      Thread.sleep(1000);
    }
    fail("jobs " + prefix + "* still queued after " + WAIT_SECONDS + " s: " + sh("squeue").out);
  }

  private static String logs(Path scripts) throws IOException {
    StringBuilder sb = new StringBuilder();
    Path logs = scripts.resolve("logs");
    if (Files.isDirectory(logs)) {
      try (Stream<Path> s = Files.walk(logs)) {
        for (Path p : s.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
          sb.append("== ").append(p.getFileName()).append('\n').append(Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }
    return sb.toString();
  }

  private record Result(int code, String out) {}

  private Result sh(String... cmd) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().put("SLURM_CONF", conf);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, out);
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, e.toString());
    }
  }
}
