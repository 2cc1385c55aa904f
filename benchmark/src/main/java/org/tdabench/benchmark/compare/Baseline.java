package org.tdabench.benchmark.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tdabench.benchmark.store.Json;
import org.tdabench.core.UserError;

/**
 * A baseline folder, {@code results/baseline/<preset>/}: the reference leaderboards, the machine
 * they were computed on ({@code baseline.json}: preset, fingerprint and its readable fields, the
 * reason for the last change), the measured float-path spread of every cell
 * ({@code spread-<dataset>.csv}, the statistical tolerance on other machines), and optional exact
 * baselines of other machines ({@code exact/<fingerprint>/leaderboard-*.csv}, recorded with
 * {@code tdabench baseline add --exact}).
 *
 * @param folder the folder
 * @param preset the preset its leaderboards belong to
 * @param fingerprint the fingerprint of the machine that computed the reference leaderboards
 * @param machine the readable fields of that fingerprint (as sidecars write them)
 * @param info the whole baseline.json
 */
public record Baseline(Path folder, String preset, String fingerprint, JsonNode machine, JsonNode info) {
  public static final String FILE = "baseline.json";

  public static Baseline load(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new UserError("baseline folder " + folder + " does not exist: check --baseline");
    }
    Path f = folder.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      throw new UserError("baseline folder " + folder + " has no " + FILE + " (which machine and preset its "
          + "numbers come from): record it with `tdabench baseline add`");
    }
    JsonNode n;
    try {
      n = Json.mapper().readTree(f.toFile());
    } catch (IOException e) {
      throw new UserError("malformed " + f + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (n == null || !n.hasNonNull("preset") || !n.hasNonNull("fingerprint")) {
      throw new UserError(f + " lacks its preset or fingerprint: record the baseline again with `tdabench baseline add`");
    }
    return new Baseline(folder, n.get("preset").asText(), n.get("fingerprint").asText(),
        n.get("machine"), n);
  }

  /** The reference leaderboard files (main folder), sorted. */
  public List<Path> leaderboards() {
    return leaderboards(folder);
  }

  static List<Path> leaderboards(Path dir) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "leaderboard-*.csv")) {
      ds.forEach(out::add);
    } catch (IOException e) {
      throw new UserError("cannot list baseline folder " + dir + ": " + e.getMessage());
    }
    out.sort(null);
    return out;
  }

  /** The float-path spread of a leaderboard file, if measured. */
  public Optional<Spread> spread(String leaderboardFile) {
    String dataset = leaderboardFile.substring("leaderboard-".length(), leaderboardFile.length() - ".csv".length());
    return Optional.ofNullable(Spread.read(folder.resolve("spread-" + dataset + ".csv")));
  }

  /** The exact baseline of a leaderboard file for machine {@code fp}: the main one or an exact/ one. */
  public Optional<Path> exactFor(String fp, String leaderboardFile) {
    if (fp.equals(fingerprint)) {
      return Optional.of(folder.resolve(leaderboardFile));
    }
    Path p = folder.resolve("exact").resolve(fp).resolve(leaderboardFile);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /** The readable differences between this baseline's machine and {@code other} (sidecar machine JSON). */
  public String differences(JsonNode other) {
    if (machine == null || other == null) {
      return "the fingerprint";
    }
    Map<String, String> a = flatten(machine);
    Map<String, String> b = flatten(other);
    List<String> diff = new ArrayList<>();
    for (String k : a.keySet()) {
      if (k.equals("fingerprint") || k.equals("cores") || k.equals("os") || k.startsWith("cpu.modelName")) {
        continue;
      }
      if (!a.get(k).equals(b.getOrDefault(k, "(none)"))) {
        diff.add(k + " " + a.get(k) + " -> " + b.getOrDefault(k, "(none)"));
      }
    }
    for (String k : b.keySet()) {
      if (!a.containsKey(k) && !k.equals("fingerprint")) {
        diff.add(k + " (none) -> " + b.get(k));
      }
    }
    return diff.isEmpty() ? "the fingerprint" : String.join("; ", diff);
  }

  static Map<String, String> flatten(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    flatten("", n, out);
    return out;
  }

  private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
    if (n.isObject()) {
      n.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
    } else {
      out.put(prefix, n.isTextual() ? n.asText() : n.toString());
    }
  }
}
