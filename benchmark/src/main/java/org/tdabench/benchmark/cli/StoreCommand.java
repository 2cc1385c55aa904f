package org.tdabench.benchmark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tdabench.benchmark.store.ArtifactStore;
import org.tdabench.benchmark.store.StoreSweeper;
import org.tdabench.benchmark.store.StoreVerifier;
import org.tdabench.core.UserError;
import org.tdabench.datasets.CacheLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tdabench store gc|verify}: maintenance of an artifact store. */
@Command(name = "store", mixinStandardHelpOptions = true,
    description = "Maintain an artifact store: remove what interrupted runs left (gc), or check every artifact (verify).",
    subcommands = {StoreCommand.Gc.class, StoreCommand.Verify.class})
public final class StoreCommand implements Runnable {
  @Override
  public void run() {
    throw new UserError("store needs a sub-command: gc or verify (see tdabench store --help)");
  }

  /** Where the store is: --store, else <cache>/store. */
  abstract static class Located {
    @Option(names = "--cache", paramLabel = "DIR",
        description = "Cache folder (default: $TDABENCH_CACHE or the per-user cache); the store is <cache>/store.")
    Path cache;

    @Option(names = "--store", paramLabel = "DIR", description = "The store folder itself (instead of --cache).")
    Path store;

    ArtifactStore open() throws Exception {
      Path root = store != null ? store : CacheLayout.resolve(cache).root().resolve("store");
      if (!Files.isDirectory(root)) {
        throw new UserError("no artifact store at " + root + ": check --cache / --store");
      }
      return ArtifactStore.open(root);
    }
  }

  @Command(name = "gc", mixinStandardHelpOptions = true,
      description = {"Remove temporary folders and files of dead writers, scratch folders of killed attributions "
          + "and work checkpoints of completed artifacts. Every run does this at its start; this command also "
          + "reports, and with --older-than removes other hosts' old temporaries (shared cluster stores)."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:swept (or nothing to sweep)", "2:bad input (no store, not writable)"})
  static final class Gc extends Located implements Callable<Integer> {
    @Option(names = "--dry-run", description = "Only list what would be removed.")
    boolean dryRun;

    @Option(names = "--older-than", paramLabel = "DURATION",
        description = "Also remove other hosts' temporaries not modified for this long, e.g. 2d, 12h, 30m.")
    String olderThan;

    @Override
    public Integer call() throws Exception {
      ArtifactStore s = open();
      if (!dryRun && !s.writable()) {
        throw new UserError("store " + s.root() + " is not writable: gc needs write access (use --dry-run to look)");
      }
      StoreSweeper.Report r = StoreSweeper.sweep(s, dryRun, olderThan == null ? null : duration(olderThan));
      String verb = dryRun ? "would remove" : "removed";
      r.temporaries().forEach(p -> System.out.println(verb + " temporary of a dead writer: " + s.root().relativize(p)));
      r.foreign().forEach(p -> System.out.println(verb + " old temporary of another host: " + s.root().relativize(p)));
      r.workCheckpoints().forEach(p -> System.out.println(verb + " work checkpoint of a finished artifact: "
          + s.root().relativize(p)));
      r.foreignKept().forEach(p -> System.out.println("kept (another host's, maybe still being written): "
          + s.root().relativize(p)));
      System.out.println(KeyValueLine.of("removed", dryRun ? 0 : r.removed(),
          "found", r.removed(), "kept_foreign", r.foreignKept().size()));
      return 0;
    }

    static Duration duration(String s) {
      String t = s.trim().toLowerCase(Locale.ROOT);
      try {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
          case 'd' -> Duration.ofDays(n);
          case 'h' -> Duration.ofHours(n);
          case 'm' -> Duration.ofMinutes(n);
          case 's' -> Duration.ofSeconds(n);
          default -> throw new NumberFormatException();
        };
      } catch (RuntimeException e) {
        throw new UserError("--older-than '" + s + "' is not a duration: write e.g. 2d, 12h, 30m or 45s");
      }
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check every artifact: its recipe hashes to its folder name, no payload file is empty, every "
          + "checkpoint loads (checksummed) and every .npy parses. Read-only.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:every artifact is sound", "2:bad input (no store)", "3:damaged or incomplete artifacts (listed)"})
  static final class Verify extends Located implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      ArtifactStore s = open();
      StoreVerifier.Report r = StoreVerifier.verify(s);
      r.problems().forEach(p -> System.out.println("damaged: " + p));
      r.incomplete().forEach(p -> System.out.println("incomplete (no sidecar): " + s.root().relativize(p)));
      StringBuilder kinds = new StringBuilder();
      r.byKind().forEach((k, v) -> kinds.append(kinds.length() == 0 ? "" : ", ").append(v).append(' ').append(k));
      System.out.println("verify: " + r.artifacts() + " artifacts (" + (kinds.length() == 0 ? "none" : kinds) + "), "
          + r.problems().size() + " damaged, " + r.incomplete().size() + " incomplete");
      System.out.println(KeyValueLine.of("artifacts", r.artifacts(), "damaged",
          r.problems().size(), "incomplete", r.incomplete().size()));
      return r.ok() ? 0 : 3;
    }
  }
}
