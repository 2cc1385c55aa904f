package org.tdabench.benchmark.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.tdabench.core.AtomicFiles;

/**
 * Removes what interrupted runs leave in a store: temporary artifact folders and files whose writer
 * is dead (named after their process, {@link AtomicFiles#writerDead}), scratch folders of killed
 * attributions, and resumable work checkpoints of artifacts that have since been completed. Runs at
 * the start of every run on a writable store, and as {@code tdabench store gc}. Temporaries of
 * processes on other hosts (a shared cluster store) are only removed when older than a given age.
 */
public final class StoreSweeper {
  private StoreSweeper() {}

  /**
   * What a sweep found (and removed, unless it was a dry run).
   *
   * @param temporaries temporary files and folders of dead writers
   * @param foreign temporaries of writers on other hosts, removed only when old enough
   * @param workCheckpoints resumable work of artifacts that are complete
   * @param foreignKept other hosts' temporaries left in place (possibly still being written)
   */
  public record Report(List<Path> temporaries, List<Path> foreign, List<Path> workCheckpoints, List<Path> foreignKept) {
    public int removed() {
      return temporaries.size() + foreign.size() + workCheckpoints.size();
    }
  }

  /** Sweeps with removal, leaving every other host's temporaries alone. */
  public static Report sweep(ArtifactStore store) throws IOException {
    return sweep(store, false, null);
  }

  /**
   * @param dryRun only report
   * @param foreignOlderThan also remove other hosts' temporaries not modified for this long (null: never)
   */
  public static Report sweep(ArtifactStore store, boolean dryRun, Duration foreignOlderThan) throws IOException {
    List<Path> temps = new ArrayList<>();
    List<Path> foreign = new ArrayList<>();
    List<Path> kept = new ArrayList<>();
    List<Path> work = new ArrayList<>();
    Path root = store.root();
    List<Path> folders = new ArrayList<>();
    folders.add(root);
    folders.add(store.jobsFolder());
    folders.add(store.workFolder());
    for (Path kind : StoreFolders.children(root)) {
      if (Files.isDirectory(kind) && !kind.equals(store.jobsFolder()) && !kind.equals(store.workFolder())) {
        for (Path shard : StoreFolders.children(kind)) {
          if (Files.isDirectory(shard) && !AtomicFiles.isTemporary(shard.getFileName().toString())) {
            folders.add(shard);
          }
        }
      }
    }
    Instant cutoff = foreignOlderThan == null ? null : Instant.now().minus(foreignOlderThan);
    for (Path folder : folders) {
      for (Path p : StoreFolders.children(folder)) {
        String name = p.getFileName().toString();
        if (!AtomicFiles.isTemporary(name)) {
          continue;
        }
        if (AtomicFiles.writerDead(name)) {
          temps.add(p);
        } else if (!sameHostOwner(name)) {
          FileTime t = Files.getLastModifiedTime(p);
          if (cutoff != null && t.toInstant().isBefore(cutoff)) {
            foreign.add(p);
          } else {
            kept.add(p);
          }
        }
      }
    }
    for (Path p : StoreFolders.children(store.workFolder())) {
      String name = p.getFileName().toString();
      if (name.endsWith(".ckpt") && !AtomicFiles.isTemporary(name)) {
        String hash = name.substring(0, name.length() - ".ckpt".length());
        if (hash.length() > 2 && completeAnywhere(root, hash)) {
          work.add(p);
        }
      }
    }
    if (!dryRun) {
      for (List<Path> l : List.of(temps, foreign, work)) {
        for (Path p : l) {
          AtomicFiles.deleteRecursively(p);
        }
      }
    }
    return new Report(temps, foreign, work, kept);
  }

  private static boolean sameHostOwner(String name) {
    int i = name.lastIndexOf(AtomicFiles.TEMP_MARK);
    String rest = name.substring(i + AtomicFiles.TEMP_MARK.length());
    int dash = rest.lastIndexOf('-');
    return org.tdabench.core.ProcessOwner.parse(dash < 0 ? rest : rest.substring(0, dash))
        .map(org.tdabench.core.ProcessOwner::local).orElse(true);
  }

  private static boolean completeAnywhere(Path root, String hash) throws IOException {
    for (Path kind : StoreFolders.children(root)) {
      if (ArtifactStore.isComplete(kind.resolve(hash.substring(0, 2)).resolve(hash))) {
        return true;
      }
    }
    return false;
  }
}
