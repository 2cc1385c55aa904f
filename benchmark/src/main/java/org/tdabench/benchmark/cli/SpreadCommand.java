package org.tdabench.benchmark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tdabench.benchmark.compare.Baseline;
import org.tdabench.benchmark.machine.CpuInfo;
import org.tdabench.benchmark.machine.Fingerprint;
import org.tdabench.benchmark.store.Json;
import org.tdabench.core.AtomicFiles;
import org.tdabench.core.UserError;
import org.tdabench.datasets.CacheLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tdabench baseline spread --preset P}: runs the preset with the same seed under several float
 * paths of this machine (oneDNN instruction-set caps below the native one, and two threads per job
 * instead of one), each in its own process, and writes the standard deviation of every leaderboard
 * cell over them as {@code results/baseline/<preset>/spread-<dataset>.csv}: the tolerance of
 * {@code compare} on machines whose fingerprint differs from the baseline's.
 */
@Command(name = "spread", mixinStandardHelpOptions = true,
    description = {"Measure how much every leaderboard cell moves between float paths: run the preset with one seed "
        + "under several ISA caps and thread counts (separate processes) and write spread-<dataset>.csv into the "
        + "baseline folder. Takes as long as that many runs."})
final class SpreadCommand implements Callable<Integer> {
  @Option(names = "--preset", required = true, description = "The preset.")
  String preset;

  @Option(names = "--methods", defaultValue = "all", description = "Methods (default: all).")
  String methods;

  @Option(names = "--seed", defaultValue = "0", description = "Root seed (default 0, as the baselines).")
  long seed;

  @Option(names = "--cache", paramLabel = "DIR", description = "Cache folder (default: $TDABENCH_CACHE or the "
      + "per-user cache); the runs' artifacts differ by numerics, so they share one store safely.")
  Path cache;

  @Option(names = "--work", paramLabel = "DIR", description = "Where the runs' results go (default: <cache>/spread).")
  Path work;

  @Option(names = "--baselines", defaultValue = "results/baseline", paramLabel = "DIR",
      description = "The folder of baselines (default: ${DEFAULT-VALUE}).")
  Path baselines;

  @Option(names = "--paths", split = ",", paramLabel = "PATH",
      description = "Float paths: native, threads=2, isa=AVX2, isa=AVX, isa=SSE41, ... (default: native, threads=2 "
          + "and every ISA cap below this CPU's).")
  List<String> paths;

  /** The default float paths of a CPU: native, two threads, and the oneDNN caps below its own level. */
  static List<String> defaultPaths(CpuInfo cpu) {
    List<String> p = new ArrayList<>(List.of("native", "threads=2"));
    boolean avx512 = cpu.has("avx512f", "avx512bw", "avx512vl", "avx512dq");
    if (avx512) {
      p.add("isa=AVX2");
    }
    if (cpu.has("avx2") || avx512) {
      p.add("isa=AVX");
    }
    if (cpu.has("avx")) {
      p.add("isa=SSE41");
    }
    return p;
  }

  @Override
  public Integer call() throws Exception {
    List<String> ps = paths == null || paths.isEmpty() ? defaultPaths(CpuInfo.current()) : paths;
    if (ps.size() < 2) {
      throw new UserError("--paths needs at least two float paths to measure a spread");
    }
    Path c = CacheLayout.resolve(cache).root();
    Path w = work != null ? work : c.resolve("spread").resolve(preset);
    List<Path> results = new ArrayList<>();
    for (String path : ps) {
      Path out = w.resolve(path.replaceAll("[^A-Za-z0-9]", "_"));
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--preset", preset, "--methods",
          methods, "--seed", Long.toString(seed), "--cache", c.toString(), "--out", out.toString()));
      ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
      pb.environment().remove(Launcher.CHILD);
      pb.environment().remove(Launcher.LAUNCHER_PID);
      if (path.startsWith("isa=")) {
        pb.environment().put("ONEDNN_MAX_CPU_ISA", path.substring(4));
      } else if (path.startsWith("threads=")) {
        cmd.addAll(List.of("--threads", path.substring(8)));
        pb.command(cmd);
      } else if (!path.equals("native")) {
        throw new UserError("unknown float path '" + path + "': use native, threads=N or isa=CAP");
      }
      System.err.println("tdabench: spread run " + (results.size() + 1) + "/" + ps.size() + " (" + path + ")");
      int code = pb.start().waitFor();
      if (code != 0) {
        throw new UserError("the " + path + " run failed (exit " + code + "); its output is above");
      }
      results.add(out.resolve("results").resolve(preset));
    }
    Path folder = baselines.resolve(preset);
    Files.createDirectories(folder);
    BaselineCommand.writeSpreads(results, folder);
    Path f = folder.resolve(Baseline.FILE);
    ObjectNode info = Files.isRegularFile(f) ? (ObjectNode) Json.mapper().readTree(f.toFile())
        : Json.mapper().createObjectNode();
    ObjectNode sp = info.putObject("spread");
    sp.put("date", LocalDate.now().toString());
    sp.put("fingerprint", Fingerprint.current().hash());
    sp.put("seed", seed);
    sp.set("paths", Json.mapper().valueToTree(ps));
    info.remove("spread_note");
    AtomicFiles.writeBytes(f, Json.pretty(Json.mapper().convertValue(info, Map.class)).getBytes(StandardCharsets.UTF_8));
    System.out.println("spread of " + ps.size() + " float paths " + Arrays.toString(ps.toArray()) + " written to "
        + folder);
    return 0;
  }
}
