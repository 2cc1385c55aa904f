package org.tdabench.benchmark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.tdabench.benchmark.compare.Baseline;
import org.tdabench.benchmark.compare.Spread;
import org.tdabench.benchmark.report.CsvFiles;
import org.tdabench.benchmark.store.Json;
import org.tdabench.benchmark.store.TdabenchVersion;
import org.tdabench.core.AtomicFiles;
import org.tdabench.core.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tdabench baseline add|spread}: record a run as a preset's committed reference (with the
 * machine fingerprint it was computed on and the stated reason), an exact per-machine baseline, or
 * the float-path spread that sets the tolerance on other machines.
 */
@Command(name = "baseline", mixinStandardHelpOptions = true,
    description = "Record baselines: a run's leaderboards as the reference (add), or the measured spread of every "
        + "cell across float paths (spread).",
    subcommands = {BaselineCommand.Add.class, SpreadCommand.class})
public final class BaselineCommand implements Runnable {
  @Override
  public void run() {
    throw new UserError("baseline needs a sub-command: add or spread (see tdabench baseline --help)");
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = {"Copy results/<preset>/leaderboard-*.csv of a finished run into results/baseline/<preset>/ with "
          + "its machine fingerprint and your reason (baseline.json). With --exact, record it as an exact baseline "
          + "for its machine only (exact/<fingerprint>/), leaving the reference as it is."})
  static final class Add implements Callable<Integer> {
    @Option(names = "--preset", required = true, description = "The preset of the run.")
    String preset;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR",
        description = "The run's output folder (holding results/<preset>/), default: .")
    Path out;

    @Option(names = "--baselines", defaultValue = "results/baseline", paramLabel = "DIR",
        description = "The folder of baselines (default: ${DEFAULT-VALUE}).")
    Path baselines;

    @Option(names = "--exact", description = "Add an exact per-fingerprint baseline instead of replacing the reference.")
    boolean exact;

    @Option(names = "--reason", required = true, description = "Why the baseline changes (kept in baseline.json).")
    String reason;

    @Override
    public Integer call() throws Exception {
      if (reason.isBlank()) {
        throw new UserError("--reason must say why the baseline changes");
      }
      Path results = out.resolve("results").resolve(preset);
      List<Path> boards = leaderboards(results);
      if (boards.isEmpty()) {
        throw new UserError("no leaderboard-*.csv in " + results + ": run the preset first (tdabench run --preset "
            + preset + ")");
      }
      Set<String> fps = new TreeSet<>();
      JsonNode machine = null;
      for (Path b : boards) {
        String ds = dataset(b);
        Path meta = results.resolve("run-" + ds + ".json");
        if (!Files.isRegularFile(meta)) {
          throw new UserError(results + " has no run-" + ds + ".json (the run's machines): rerun the preset with this "
              + "tdabench to record it");
        }
        JsonNode m = Json.mapper().readTree(meta.toFile());
        if (!preset.equals(m.path("preset").asText())) {
          throw new UserError(meta + " is a run of preset " + m.path("preset").asText() + ", not " + preset);
        }
        List<String[]> lines = CsvFiles.read(b);
        List<String> header = List.of(lines.get(0));
        int fi = header.indexOf("fingerprint");
        int di = header.indexOf("deterministic");
        if (fi < 0 || di < 0) {
          throw new UserError(b + " has no fingerprint/deterministic columns: rerun the preset with this tdabench");
        }
        for (String[] row : lines.subList(1, lines.size())) {
          fps.add(row[fi]);
          if (!"true".equals(row[di])) {
            throw new UserError(b + ": method " + row[0] + " is not bit-reproducible (non-default numerics): record "
                + "a baseline from a run with the pinned settings");
          }
        }
        for (JsonNode mm : m.path("machines")) {
          machine = mm;
        }
      }
      if (fps.size() != 1) {
        throw new UserError("the run's rows come from several machines or settings " + fps
            + ": record a baseline from a run computed on one machine");
      }
      String fp = fps.iterator().next();
      Path folder = baselines.resolve(preset);
      Path target = exact ? folder.resolve("exact").resolve(fp) : folder;
      Files.createDirectories(target);
      for (Path b : boards) {
        Files.copy(b, target.resolve(b.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
      ObjectNode info = Files.isRegularFile(folder.resolve(Baseline.FILE))
          ? (ObjectNode) Json.mapper().readTree(folder.resolve(Baseline.FILE).toFile()) : Json.mapper().createObjectNode();
      ArrayNode history = info.has("history") ? (ArrayNode) info.get("history") : info.putArray("history");
      ObjectNode entry = history.addObject();
      entry.put("date", LocalDate.now().toString());
      entry.put("fingerprint", fp);
      entry.put("exact", exact);
      entry.put("reason", reason.strip());
      entry.put("tdabench", TdabenchVersion.current());
      if (exact) {
        ObjectNode ex = info.has("exact") ? (ObjectNode) info.get("exact") : info.putObject("exact");
        ex.set(fp, machine);
        if (!info.has("preset")) {
          throw new UserError("add the reference baseline first (without --exact): " + folder + " has none");
        }
      } else {
        info.put("preset", preset);
        info.put("fingerprint", fp);
        info.set("machine", machine);
        if (info.has("spread")) {
          info.put("spread_note", "measured before the " + LocalDate.now() + " baseline: re-measure it "
              + "(tdabench baseline spread) if the protocol changed");
        }
      }
      AtomicFiles.writeBytes(folder.resolve(Baseline.FILE), Json.pretty(Json.mapper().convertValue(info, Map.class))
          .getBytes(StandardCharsets.UTF_8));
      System.out.println((exact ? "exact baseline for " + fp : "reference baseline") + " of preset " + preset
          + " recorded in " + target);
      return 0;
    }
  }

  static List<Path> leaderboards(Path dir) throws java.io.IOException {
    List<Path> out = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (var s = Files.newDirectoryStream(dir, "leaderboard-*.csv")) {
        s.forEach(out::add);
      }
    }
    out.sort(null);
    return out;
  }

  static String dataset(Path leaderboard) {
    String n = leaderboard.getFileName().toString();
    return n.substring("leaderboard-".length(), n.length() - ".csv".length());
  }

  /** Writes a spread file for every dataset of these runs (used by {@link SpreadCommand}). */
  static void writeSpreads(List<Path> runResults, Path folder) throws Exception {
    for (Path b : leaderboards(runResults.get(0))) {
      List<Path> same = new ArrayList<>();
      for (Path r : runResults) {
        same.add(r.resolve(b.getFileName()));
      }
      Spread.of(same).write(folder.resolve("spread-" + dataset(b) + ".csv"));
    }
  }
}
