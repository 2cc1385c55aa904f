package org.tdabench.benchmark.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tdabench.core.AtomicFiles;
import org.tdabench.core.ProcessOwner;

/**
 * The content-addressed artifact store. An artifact lives in
 * {@code <store>/<kind>/<hash[0:2]>/<hash>/} with its payload files and a {@link Sidecar}; the hash
 * is that of its {@link Recipe}.
 *
 * <ul>
 *   <li><b>Atomic</b>: the producer writes into a temporary sibling folder (named after its process,
 *       {@link AtomicFiles#tempSibling}) that is flushed and renamed into place only after it
 *       returned and the sidecar is written, so a folder under its final name is always complete; a
 *       producer that throws leaves nothing.
 *   <li><b>Reused</b>: {@link #getOrCompute} returns an existing artifact without running the
 *       producer, and then writes nothing: a finished store can be read from a read-only mount.
 *   <li><b>Locked</b>: computing takes an exclusive lock on {@code <hash>.lock} beside the folder:
 *       one holder per process (an in-process lock orders this JVM's threads) and, across
 *       processes, a non-blocking {@link FileChannel#tryLock()} retried with back-off. A blocking
 *       lock would be an fcntl wait, which the kernel's deadlock detector, seeing processes rather
 *       than threads, can refuse ("Resource deadlock avoided") when two multi-threaded processes each
 *       hold a lock the other waits for. A waiting caller says after a few seconds what it waits for,
 *       then finds the artifact and reuses it: one artifact is never computed twice at once.
 *   <li><b>Resumable</b>: a run killed mid-computation leaves only a temporary folder named after
 *       its dead process; {@link StoreSweeper} removes such leftovers at the next run.
 * </ul>
 *
 * <p>Lock files are left in place (deleting them would race with waiting processes); they are empty.
 */
public final class ArtifactStore {
  private static final Logger LOG = LoggerFactory.getLogger(ArtifactStore.class);
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
  /** First retry after this many ms, doubling up to {@link #MAX_BACKOFF_MS}. */
  private static final long FIRST_BACKOFF_MS = 20;
  private static final long MAX_BACKOFF_MS = 1000;
  /** A waiting caller says what it waits for after this long, then every minute. */
  private static final Duration WAIT_NOTICE = Duration.ofSeconds(5);

  private final Path root;
  private final int defaultThreads;
  private final boolean computing;

  private ArtifactStore(Path root, int defaultThreads, boolean computing) {
    this.root = root;
    this.defaultThreads = defaultThreads;
    this.computing = computing;
  }

  /**
   * Opens (creating if needed) the store at {@code root}.
   *
   * @param defaultThreads the thread count recorded in sidecars unless a producer states another
   * @throws org.tdabench.core.UserError if the folder is another tdabench format or not a store
   */
  public static ArtifactStore open(Path root, int defaultThreads) throws IOException {
    Path abs = root.toAbsolutePath().normalize();
    StoreFormat.ensure(abs);
    return new ArtifactStore(abs, defaultThreads, true);
  }

  /** Opens the store recording one thread per producer unless stated otherwise. */
  public static ArtifactStore open(Path root) throws IOException {
    return open(root, 1);
  }

  public Path root() {
    return root;
  }

  /**
   * This store as a view that finds artifacts but never computes one: {@link #getOrCompute} throws
   * {@link MissingArtifactException} where it would run the producer (to check what a run has).
   */
  public ArtifactStore withoutComputing() {
    return new ArtifactStore(root, defaultThreads, false);
  }

  /** False for a {@link #withoutComputing()} view. */
  public boolean computes() {
    return computing;
  }

  /** Where job descriptions live ({@code <store>/jobs}). */
  public Path jobsFolder() {
    return root.resolve("jobs");
  }

  /** Where resumable work of unfinished artifacts lives ({@code <store>/work}). */
  public Path workFolder() {
    return root.resolve("work");
  }

  /** Whether this process can write into the store (false on a read-only mount or without permission). */
  public boolean writable() {
    return StoreFormat.canWrite(root);
  }

  /** The folder an artifact with this recipe has (or would have). */
  public Path folderOf(Recipe recipe) {
    String h = recipe.hash();
    return root.resolve(recipe.kind()).resolve(h.substring(0, 2)).resolve(h);
  }

  /** The complete artifact for {@code recipe}, if one exists. */
  public Optional<Artifact> find(Recipe recipe) {
    Path folder = folderOf(recipe);
    return isComplete(folder) ? Optional.of(new Artifact(recipe.hash(), folder, true)) : Optional.empty();
  }

  /**
   * A fresh scratch folder under {@code work/} for a computation's spill files, named after this
   * process so that {@link StoreSweeper} removes it if the process dies before deleting it.
   */
  public Path scratchFolder(String purpose) throws IOException {
    Path tmp = AtomicFiles.tempSibling(workFolder().resolve("scratch-" + purpose));
    Files.createDirectories(tmp);
    return tmp;
  }

  /**
   * Returns the artifact for {@code recipe}, computing it with {@code producer} if no complete one
   * exists. Blocks while another thread or process computes the same artifact.
   *
   * @throws IOException if the producer or the store fails; nothing is left under the final name
   */
  public Artifact getOrCompute(Recipe recipe, Producer producer) throws IOException {
    Path folder = folderOf(recipe);
    if (isComplete(folder)) {
      return new Artifact(recipe.hash(), folder, true);
    }
    if (!computing) {
      throw new MissingArtifactException(recipe, folder);
    }
    Path parent = folder.getParent();
    Files.createDirectories(parent);
    Path lockFile = parent.resolve(recipe.hash() + ".lock");
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, p -> new ReentrantLock());
    jvmLock.lock();
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = acquire(ch, recipe);
      try {
        if (isComplete(folder)) {
          return new Artifact(recipe.hash(), folder, true);
        }
        if (Files.exists(folder)) {
          // Only possible if something outside the store wrote here: never trust it.
          LOG.warn("removing incomplete artifact folder {}", folder);
          AtomicFiles.deleteRecursively(folder);
        }
        var stale = AtomicFiles.cleanStaleTemporaries(parent);
        if (!stale.isEmpty()) {
          LOG.info("removed {} temporary folder(s) of interrupted runs in {}", stale.size(), parent);
        }
        compute(recipe, producer, folder);
        return new Artifact(recipe.hash(), folder, false);
      } finally {
        lock.release();
      }
    } finally {
      jvmLock.unlock();
    }
  }

  /** The cross-process lock, polled without blocking in the kernel (see the class comment). */
  private static FileLock acquire(FileChannel ch, Recipe recipe) throws IOException {
    long backoff = FIRST_BACKOFF_MS;
    Instant start = Instant.now();
    Instant nextNotice = start.plus(WAIT_NOTICE);
    while (true) {
      FileLock lock = ch.tryLock();
      if (lock != null) {
        return lock;
      }
      Instant now = Instant.now();
      if (!now.isBefore(nextNotice)) {
        LOG.info("waiting {} s for {} {} (another process is computing it)",
            Duration.between(start, now).toSeconds(), recipe.kind(), recipe.hash().substring(0, 12));
        nextNotice = now.plus(Duration.ofMinutes(1));
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + recipe.kind() + " " + recipe.hash(), e);
      }
      backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
    }
  }

  private void compute(Recipe recipe, Producer producer, Path folder) throws IOException {
    AtomicFiles.writeFolder(folder, false, tmp -> {
      Instant start = Instant.now();
      ProducerContext ctx = new ProducerContext(tmp, defaultThreads);
      try {
        producer.produce(ctx);
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while computing " + recipe.kind() + " " + recipe.hash(), e);
      } catch (Exception e) {
        throw new IOException("computing " + recipe.kind() + " " + recipe.hash() + " failed: " + e.getMessage(), e);
      }
      Instant end = Instant.now();
      Map<String, Double> timings = new LinkedHashMap<>(ctx.timings());
      timings.put("total", Duration.between(start, end).toNanos() / 1e9);
      Sidecar sidecar = new Sidecar(recipe.hash(), recipe, timings, Machine.current(), ctx.threadCount(),
          start.toString(), end.toString(), TdabenchVersion.current(), ProcessOwner.current().host(), ctx.notes());
      Files.writeString(tmp.resolve(Sidecar.FILE), Json.pretty(sidecar), StandardCharsets.UTF_8);
    });
  }

  static boolean isComplete(Path folder) {
    return Files.isRegularFile(folder.resolve(Sidecar.FILE));
  }
}
