package org.tdabench.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.tdabench.core.Progress;
import org.tdabench.core.UserError;
import org.tdabench.datasets.fetch.ArchiveStore;
import org.tdabench.datasets.fetch.Fetcher;
import org.tdabench.datasets.fetch.RemoteFile;
import org.tdabench.datasets.fetch.VerifiedFile;

/**
 * What a {@link DatasetSource} needs while fetching or preparing: the options, the cache, and
 * verified access to source files (from {@code --from}, the download cache, a local package
 * folder, or a download, in that order; with {@code --from} nothing is downloaded).
 */
public final class PrepareContext {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PrepareContext.class);
  private final DatasetSource source;
  private final PrepareOptions options;
  private final CacheLayout cache;
  private final ArchiveStore store;
  private Fetcher fetcher;

  public PrepareContext(DatasetSource source, PrepareOptions options, CacheLayout cache) {
    this.source = source;
    this.options = options;
    this.cache = cache;
    this.store = new ArchiveStore(cache.downloads(source.name()));
  }

  public DatasetSource source() {
    return source;
  }

  public PrepareOptions options() {
    return options;
  }

  public CacheLayout cache() {
    return cache;
  }

  public ArchiveStore store() {
    return store;
  }

  /** The explicitly requested variant, checked against the source's variants. */
  public Optional<String> explicitVariant(DatasetSource src) {
    String v = options.variant();
    if (v == null) {
      return Optional.empty();
    }
    if (!src.variants().contains(v)) {
      throw new UserError("unknown variant '" + v + "' for " + src.name() + "; choose one of "
          + String.join(", ", src.variants()));
    }
    return Optional.of(v);
  }

  /** The {@code --from} path, checked to exist. */
  public Optional<Path> from() {
    Path p = options.from();
    if (p == null) {
      return Optional.empty();
    }
    if (!Files.exists(p)) {
      throw new UserError("--from " + p + " does not exist; pass the archive or folder you downloaded");
    }
    return Optional.of(p.toAbsolutePath().normalize());
  }

  /** The resolution to prepare at. */
  public int resolution(int datasetDefault) {
    return options.resolution() == null ? datasetDefault : options.resolution();
  }

  /**
   * True when {@code --from}, the cache or a local package folder seems to hold the file {@code f}
   * itself (not an extracted copy), without verifying it.
   */
  public boolean present(RemoteFile f) {
    Optional<Path> fr = from();
    if (fr.isPresent() && (Files.isRegularFile(fr.get()) ? fr.get().getFileName().toString().equals(f.fileName())
        : Files.isRegularFile(fr.get().resolve(f.fileName())))) {
      return true;
    }
    if (Files.isRegularFile(store.pathOf(f))) {
      return true;
    }
    return source.localCandidates().stream().anyMatch(d -> Files.isRegularFile(d.resolve(f.fileName())));
  }

  /** A verified copy of {@code f} without downloading, if one can be found. */
  public Optional<VerifiedFile> find(RemoteFile f) throws IOException {
    String userSha = options.fetch().userSha256(f);
    Optional<Path> fr = from();
    if (fr.isPresent()) {
      Path p = fr.get();
      if (Files.isRegularFile(p) && p.getFileName().toString().equals(f.fileName())) {
        return Optional.of(store.adopt(f, p, userSha));
      }
      if (Files.isDirectory(p) && Files.isRegularFile(p.resolve(f.fileName()))) {
        return Optional.of(store.adopt(f, p.resolve(f.fileName()), userSha));
      }
    }
    Optional<VerifiedFile> cached = store.lookup(f, userSha);
    if (cached.isPresent()) {
      return cached;
    }
    for (Path dir : source.localCandidates()) {
      if (Files.isRegularFile(dir.resolve(f.fileName()))) {
        try {
          return Optional.of(store.adopt(f, dir.resolve(f.fileName()), userSha));
        } catch (UserError e) {
          // not asked for explicitly: a package copy that fails verification is passed over, not fatal
          LOG.warn("ignoring {}: {}", dir.resolve(f.fileName()), e.getMessage());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A verified copy of {@code f}, downloading it unless offline. With {@code --from} nothing is
   * downloaded: a file that is neither there nor in the cache is an error saying what was expected.
   */
  public VerifiedFile require(RemoteFile f) throws IOException {
    Optional<VerifiedFile> found = find(f);
    if (found.isPresent()) {
      return found.get();
    }
    Optional<Path> fr = from();
    if (fr.isPresent()) {
      throw notInFrom(fr.get(), f);
    }
    if (options.offline()) {
      throw new UserError(f.fileName() + " is not in the cache " + store.folder() + " and --offline forbids"
          + " downloading it; pass --from with your copy, or run `tdabench fetch " + source.name() + "`");
    }
    return store.download(f, fetcher(), options.fetch().userSha256(f));
  }

  /** Verifies the user's file {@code local} as a copy of {@code f} (whatever its name) and records it. */
  public VerifiedFile adopt(RemoteFile f, Path local) throws IOException {
    return store.adopt(f, local, options.fetch().userSha256(f));
  }

  /**
   * The one-line error for a {@code --from} file that is none of the dataset's source files:
   * it names the expected files and how to fix it.
   *
   * @param why what was found instead (e.g. why its content was not recognised), or null
   */
  public UserError notOneOf(Path from, String why) {
    List<String> variants = source.variants().stream().filter(v -> source.remoteFiles(v).size() == 1).toList();
    List<String> expected = fileNames(options.variant());
    String fix = variants.size() > 1 ? "rename it, or pass --variant (" + String.join(", ", variants) + ") to say"
        + " which it is" : expected.size() == 1 ? "rename it to " + expected.get(0)
        : "pass the folder that holds them";
    return new UserError("--from " + from + " is not one of " + String.join(", ", expected)
        + (why == null ? "" : " (" + why + ")") + "; " + fix + " (--from never downloads)");
  }

  /** The source file names of {@code variant} (all variants when null), sorted. */
  private List<String> fileNames(String variant) {
    List<String> vs = variant == null ? source.variants() : List.of(variant);
    return vs.stream().flatMap(v -> source.remoteFiles(v).stream()).map(RemoteFile::fileName).distinct().sorted()
        .toList();
  }

  private UserError notInFrom(Path from, RemoteFile f) {
    if (Files.isDirectory(from)) {
      return new UserError("--from " + from + " holds no " + f.fileName() + " and --from never downloads; put the"
          + " file there, or run `tdabench fetch " + source.name() + "` without --from to download it");
    }
    if (fileNames(null).contains(from.getFileName().toString())) {
      return new UserError("--from " + from + " is only one of the files " + source.name() + " needs ("
          + String.join(", ", fileNames(options.variant())) + ") and --from never downloads; pass the folder that"
          + " holds them all");
    }
    return notOneOf(from, null);
  }

  /**
   * An extracted folder standing in for archive {@code f}: {@code --from} itself when
   * {@code looksExtracted} accepts it, a subfolder of {@code --from} named like the extracted
   * archive, or one recorded in the cache.
   */
  public Optional<Path> findExtracted(RemoteFile f, java.util.function.Predicate<Path> looksExtracted)
      throws IOException {
    Optional<Path> fr = from();
    if (fr.isPresent() && Files.isDirectory(fr.get()) && f.extractedName() != null) {
      Path p = fr.get();
      if (p.getFileName().toString().equals(f.extractedName()) || looksExtracted.test(p)) {
        return Optional.of(store.adoptExtracted(f, p));
      }
      if (Files.isDirectory(p.resolve(f.extractedName()))) {
        return Optional.of(store.adoptExtracted(f, p.resolve(f.extractedName())));
      }
    }
    return store.lookupExtracted(f);
  }

  /** The downloader (created on first use). */
  public synchronized Fetcher fetcher() {
    if (fetcher == null) {
      fetcher = new Fetcher(options.fetch(), options.progress());
    }
    return fetcher;
  }

  /** A progress sink for {@code max} images. */
  public Progress progress(String task, long max) {
    return options.progress().start(task, max, "img", 1);
  }

  /** The one-line error for an unreadable archive or file. */
  public UserError corrupt(Path file, Throwable cause) {
    return corrupt(file.toString(), cause, source.name());
  }

  /** The one-line error for an unreadable archive or file named {@code what}. */
  public static UserError corrupt(String what, Throwable cause, String dataset) {
    String msg = UserError.oneLine(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    return new UserError(what + " is truncated or corrupt (" + msg + "); delete it and run `tdabench fetch "
        + dataset + "` again, or pass --from with a good copy");
  }
}
