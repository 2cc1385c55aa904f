package org.tdabench.benchmark.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.tdabench.benchmark.export.Npy;
import org.tdabench.core.AtomicFiles;
import org.tdabench.models.train.Checkpoint;

/**
 * Checks every artifact of a store without trusting it: the sidecar parses, its recipe hashes to the
 * folder's name (so the artifact is what its recipe says), every payload file is non-empty, every
 * checkpoint loads (they are checksummed) and every {@code .npy} array parses. Read-only.
 */
public final class StoreVerifier {
  private StoreVerifier() {}

  /**
   * The outcome.
   *
   * @param byKind complete artifacts checked, per kind
   * @param problems one line per defect ("kind/hash: what")
   * @param incomplete folders under an artifact name without a sidecar
   */
  public record Report(Map<String, Integer> byKind, List<String> problems, List<Path> incomplete) {
    public int artifacts() {
      return byKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    public boolean ok() {
      return problems.isEmpty() && incomplete.isEmpty();
    }
  }

  public static Report verify(ArtifactStore store) throws IOException {
    Map<String, Integer> byKind = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    List<Path> incomplete = new ArrayList<>();
    for (Path kind : StoreFolders.children(store.root())) {
      if (!Files.isDirectory(kind) || kind.equals(store.jobsFolder()) || kind.equals(store.workFolder())) {
        continue;
      }
      for (Path shard : StoreFolders.children(kind)) {
        if (!Files.isDirectory(shard) || AtomicFiles.isTemporary(shard.getFileName().toString())) {
          continue;
        }
        for (Path a : StoreFolders.children(shard)) {
          String name = a.getFileName().toString();
          if (!Files.isDirectory(a) || AtomicFiles.isTemporary(name)) {
            continue;
          }
          if (!ArtifactStore.isComplete(a)) {
            incomplete.add(a);
            continue;
          }
          byKind.merge(kind.getFileName().toString(), 1, Integer::sum);
          check(kind.getFileName() + "/" + name, a, problems);
        }
      }
    }
    return new Report(byKind, problems, incomplete);
  }

  private static void check(String label, Path folder, List<String> problems) {
    String name = folder.getFileName().toString();
    Sidecar sc;
    try {
      sc = Json.mapper().readValue(folder.resolve(Sidecar.FILE).toFile(), Sidecar.class);
    } catch (IOException e) {
      problems.add(label + ": unreadable sidecar (" + e.getMessage().lines().findFirst().orElse("") + ")");
      return;
    }
    if (!name.equals(sc.hash())) {
      problems.add(label + ": sidecar hash " + sc.hash() + " differs from the folder name");
    }
    String recomputed = sc.recipe().hash();
    if (!name.equals(recomputed)) {
      problems.add(label + ": the recipe hashes to " + recomputed + ", not to the folder name");
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String fn = f.getFileName().toString();
        try {
          if (Files.size(f) == 0) {
            problems.add(label + ": empty payload file " + fn);
          } else if (fn.endsWith(".ckpt")) {
            Checkpoint.load(f);
          } else if (fn.endsWith(".npy")) {
            Npy.read(f);
          } else if (fn.endsWith(".json")) {
            Json.mapper().readTree(f.toFile());
          }
        } catch (IOException | RuntimeException e) {
          problems.add(label + ": " + fn + " is damaged (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
              + ")");
        }
      }
    } catch (IOException e) {
      problems.add(label + ": cannot list its files (" + e.getMessage() + ")");
    }
  }
}
