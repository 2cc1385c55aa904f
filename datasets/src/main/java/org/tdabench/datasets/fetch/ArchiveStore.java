package org.tdabench.datasets.fetch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import org.tdabench.core.AtomicFiles;
import org.tdabench.core.UserError;

/**
 * The verified source files of one dataset: {@code <cache>/downloads/<dataset>/<fileName>}, each
 * with a {@code <fileName>.verified.json} record (size, modification time, SHA-256, MD5, what it was
 * verified against). A file counts as present only with a matching record, so a file renamed into
 * place by a killed process, or changed since, is verified again before use. Downloads in progress
 * are {@code <fileName>.part} and never count as present.
 *
 * <p>A SHA-256 the user gave instead of the pinned checksums ({@code --expect-sha256}) is kept in
 * the record of the file it admitted, so later commands accept that copy without repeating the
 * option (and report the override); a new copy (download or {@code --from}) is checked against the
 * pinned checksums unless the option is given again.
 */
public final class ArchiveStore {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path folder;

  /**
   * The verification record kept beside each file.
   *
   * @param userSha256 the SHA-256 the user gave in place of the pinned checksums, or null
   */
  public record Record(String fileName, long bytes, long modifiedMillis, String sha256, String md5,
      String verifiedAgainst, String provenance, String origin, String verifiedAt, String userSha256) {}

  public ArchiveStore(Path folder) {
    this.folder = folder;
  }

  public Path folder() {
    return folder;
  }

  /** Where {@code file} lives in the store (whether or not it is there). */
  public Path pathOf(RemoteFile file) {
    return folder.resolve(file.fileName());
  }

  /** Where a partial download of {@code file} lives. */
  public Path partOf(RemoteFile file) {
    return folder.resolve(file.fileName() + ".part");
  }

  /**
   * The verified copy of {@code file} in the store, verifying it again when its record is missing
   * or stale; empty when the store does not hold it.
   */
  public Optional<VerifiedFile> lookup(RemoteFile file) throws IOException {
    return lookup(file, null);
  }

  /**
   * As {@link #lookup(RemoteFile)}, checking against {@code userSha256} if not null, else against
   * the SHA-256 the user gave when the copy was recorded, else the pinned checksums.
   */
  public Optional<VerifiedFile> lookup(RemoteFile file, String userSha256) throws IOException {
    Path p = pathOf(file);
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    Optional<Record> rec = readRecord(file);
    String remembered = rec.map(Record::userSha256).orElse(null);
    String user = userSha256 != null ? userSha256 : remembered;
    RemoteFile expected = user == null ? file : file.withUserSha256(user);
    if (rec.isPresent() && rec.get().bytes() == Files.size(p)
        && rec.get().modifiedMillis() == Files.getLastModifiedTime(p).toMillis()
        && (expected.sha256() == null || expected.sha256().equals(rec.get().sha256()))) {
      Record r = rec.get();
      return Optional.of(new VerifiedFile(file.fileName(), p, r.bytes(), r.sha256(), r.md5(), r.verifiedAgainst(),
          r.provenance(), r.origin()));
    }
    String recorded = rec.map(Record::sha256).orElse(null);
    String origin = rec.map(Record::origin).orElse(p.toString());
    String advice = userSha256 == null && remembered != null
        ? "it was admitted with --expect-sha256 " + remembered + ": pass --expect-sha256 again with the new copy's"
            + " SHA-256, or delete it and its .verified.json and run `tdabench fetch` again"
        : "delete it and run `tdabench fetch` again (or pass --from with a good copy)";
    VerifiedFile v = Verifier.verify(expected, p, recorded, origin, advice);
    return Optional.of(writeRecord(v, user));
  }

  /** Downloads {@code file} with {@code fetcher}, verifies it and moves it into place. */
  public VerifiedFile download(RemoteFile file, Fetcher fetcher) throws IOException {
    return download(file, fetcher, null);
  }

  /**
   * As {@link #download(RemoteFile, Fetcher)}, checking against {@code userSha256} instead of the
   * pinned checksums when not null.
   */
  public VerifiedFile download(RemoteFile pinned, Fetcher fetcher, String userSha256) throws IOException {
    RemoteFile file = userSha256 == null ? pinned : pinned.withUserSha256(userSha256);
    ensureWritable();
    Path part = partOf(file);
    java.net.URI url = fetcher.config().urlFor(file);
    fetcher.download(url, part, file.fileName());
    VerifiedFile v;
    try {
      v = Verifier.verify(file, part, previousSha256(file), url.toString(),
          "the download was deleted; run `tdabench fetch` again, or check the URL/mirror");
    } catch (UserError e) {
      Files.deleteIfExists(part);
      throw e;
    }
    Path target = pathOf(file);
    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    VerifiedFile placed = new VerifiedFile(v.fileName(), target, v.bytes(), v.sha256(), v.md5(),
        v.verifiedAgainst(), v.provenance(), v.origin());
    return writeRecord(placed, userSha256);
  }

  /**
   * Verifies the user's own copy {@code local} of {@code file} and links it into the store (a
   * symbolic link, or a copy where links are not possible), so later commands find it.
   */
  public VerifiedFile adopt(RemoteFile file, Path local) throws IOException {
    return adopt(file, local, null);
  }

  /**
   * As {@link #adopt(RemoteFile, Path)}, checking against {@code userSha256} instead of the pinned
   * checksums when not null (and remembering it with the file).
   */
  public VerifiedFile adopt(RemoteFile pinned, Path local, String userSha256) throws IOException {
    RemoteFile file = userSha256 == null ? pinned : pinned.withUserSha256(userSha256);
    ensureWritable();
    Path abs = local.toAbsolutePath().normalize();
    VerifiedFile v = Verifier.verify(file, abs, previousSha256(file), abs.toString(),
        "it is not the expected file: get a fresh copy, or run `tdabench fetch` without --from");
    Path target = pathOf(file);
    if (!abs.equals(target.toAbsolutePath().normalize())) {
      Path tmp = AtomicFiles.tempSibling(target);
      try {
        Files.createSymbolicLink(tmp, abs);
      } catch (UnsupportedOperationException | IOException e) {
        Files.copy(abs, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    VerifiedFile placed = new VerifiedFile(v.fileName(), target, v.bytes(), v.sha256(), v.md5(),
        v.verifiedAgainst(), v.provenance(), v.origin());
    return writeRecord(placed, userSha256);
  }

  /** The extracted copy of an archive recorded in the store (a linked folder), if any. */
  public Optional<Path> lookupExtracted(RemoteFile file) {
    if (file.extractedName() == null) {
      return Optional.empty();
    }
    Path p = folder.resolve(file.extractedName());
    return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
  }

  /** Links an already extracted folder standing in for {@code file} into the store. */
  public Path adoptExtracted(RemoteFile file, Path dir) throws IOException {
    ensureWritable();
    Path target = folder.resolve(file.extractedName());
    Path abs = dir.toAbsolutePath().normalize();
    if (abs.equals(target.toAbsolutePath().normalize())) {
      return target;
    }
    Path tmp = AtomicFiles.tempSibling(target);
    try {
      Files.createSymbolicLink(tmp, abs);
    } catch (UnsupportedOperationException | IOException e) {
      return abs; // cannot link: use it in place this time
    }
    if (Files.isSymbolicLink(target)) {
      Files.delete(target);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  private String previousSha256(RemoteFile file) {
    try {
      return readRecord(file).map(Record::sha256).orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private Path recordPath(String fileName) {
    return folder.resolve(fileName + ".verified.json");
  }

  private Optional<Record> readRecord(RemoteFile file) throws IOException {
    Path p = recordPath(file.fileName());
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(p.toFile(), Record.class));
    } catch (IOException e) {
      return Optional.empty(); // unreadable record: verify again
    }
  }

  /** Records {@code v} (checked against {@code userSha256} when not null); returns it as recorded. */
  private VerifiedFile writeRecord(VerifiedFile v, String userSha256) throws IOException {
    if (userSha256 != null) {
      v = new VerifiedFile(v.fileName(), v.path(), v.bytes(), v.sha256(), v.md5(), Verifier.USER_SHA256,
          v.provenance(), v.origin());
    }
    Path p = v.path();
    Record r = new Record(v.fileName(), v.bytes(), Files.getLastModifiedTime(p).toMillis(), v.sha256(), v.md5(),
        v.verifiedAgainst(), v.provenance(), v.origin(), Instant.now().toString(), userSha256);
    AtomicFiles.writeBytes(recordPath(v.fileName()), JSON.writeValueAsBytes(r));
    return v;
  }

  /** Creates the store folder, or says clearly why it cannot be written. */
  public void ensureWritable() {
    try {
      Files.createDirectories(folder);
      Path probe = Files.createTempFile(folder, ".probe", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new UserError("cannot write to the download cache " + folder + " (" + UserError.oneLine(e.getMessage())
          + "); pass --cache DIR or set TDABENCH_CACHE to a writable folder");
    }
  }
}
