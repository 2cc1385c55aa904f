package org.tdabench.datasets.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.core.Hashing;
import org.tdabench.core.Progress;
import org.tdabench.core.UserError;
import org.tdabench.datasets.Datasets;
import org.tdabench.datasets.TestData;

/** The downloader against the JDK's HTTP server on loopback. */
class FetcherTest {
  static final byte[] BODY = TestData.pattern(200_000, 99);
  static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  HttpServer server;
  final List<String> ranges = new CopyOnWriteArrayList<>();
  final AtomicInteger requests = new AtomicInteger();
  /** Behaviour of the next requests: "ok", "cut" (half the body then hang up), "503", "404", "ignore-range". */
  final List<String> script = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/files/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    String mode = script.isEmpty() ? "ok" : script.remove(0);
    String range = ex.getRequestHeaders().getFirst("Range");
    ranges.add(range == null ? "-" : range);
    try (ex) {
      switch (mode) {
        case "503" -> ex.sendResponseHeaders(503, -1);
        case "404" -> ex.sendResponseHeaders(404, -1);
        case "cut" -> {
          ex.sendResponseHeaders(200, BODY.length);
          OutputStream os = ex.getResponseBody();
          os.write(BODY, 0, BODY.length / 2);
          os.flush();
          throw new IOException("cut"); // the server drops the connection mid-body
        }
        default -> {
          Matcher m = range == null ? null : RANGE.matcher(range);
          if (m != null && m.matches() && !mode.equals("ignore-range")) {
            int from = Integer.parseInt(m.group(1));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (BODY.length - 1) + "/" + BODY.length);
            ex.sendResponseHeaders(206, BODY.length - from);
            ex.getResponseBody().write(BODY, from, BODY.length - from);
          } else {
            ex.sendResponseHeaders(200, BODY.length);
            ex.getResponseBody().write(BODY);
          }
        }
      }
    }
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/files/data.bin");
  }

  RemoteFile file(String sha256) {
    return new RemoteFile("data.bin", url(), BODY.length, sha256, null, null, "test", null);
  }

  Fetcher fetcher() {
    return new Fetcher(FetchConfig.defaults().withAttempts(3).withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)),
        Progress.Factory.none());
  }

  @Test
  void fullDownloadIsVerifiedAndRecorded(@TempDir Path dir) throws Exception {
    ArchiveStore store = new ArchiveStore(dir);
    VerifiedFile v = store.download(file(Hashing.sha256Hex(BODY)), fetcher());
    assertArrayEquals(BODY, Files.readAllBytes(dir.resolve("data.bin")));
    assertEquals("pinned sha256", v.verifiedAgainst());
    assertFalse(Files.exists(dir.resolve("data.bin.part")));
    assertTrue(Files.exists(dir.resolve("data.bin.verified.json")));
    assertEquals(List.of("-"), ranges);
    // a second lookup trusts the record (same size and time) without downloading
    assertEquals(v.sha256(), store.lookup(file(Hashing.sha256Hex(BODY))).orElseThrow().sha256());
    assertEquals(1, requests.get());
  }

  @Test
  void resumesAfterACutWithARangeRequest(@TempDir Path dir) throws Exception {
    script.add("cut");
    ArchiveStore store = new ArchiveStore(dir);
    store.download(file(Hashing.sha256Hex(BODY)), fetcher());
    assertArrayEquals(BODY, Files.readAllBytes(dir.resolve("data.bin")));
    assertEquals(2, ranges.size());
    assertEquals("-", ranges.get(0));
    assertTrue(ranges.get(1).startsWith("bytes="), ranges.toString());
    int from = Integer.parseInt(ranges.get(1).substring(6, ranges.get(1).length() - 1));
    assertTrue(from > 0 && from <= BODY.length / 2, ranges.toString());
  }

  @Test
  void resumesAnEarlierPartialFile(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("data.bin.part"), java.util.Arrays.copyOf(BODY, 12345));
    new ArchiveStore(dir).download(file(Hashing.sha256Hex(BODY)), fetcher());
    assertEquals(List.of("bytes=12345-"), ranges);
    assertArrayEquals(BODY, Files.readAllBytes(dir.resolve("data.bin")));
  }

  @Test
  void aServerIgnoringRangeRestartsFromZero(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("data.bin.part"), new byte[777]);
    script.add("ignore-range");
    new ArchiveStore(dir).download(file(Hashing.sha256Hex(BODY)), fetcher());
    assertArrayEquals(BODY, Files.readAllBytes(dir.resolve("data.bin")));
  }

  @Test
  void checksumMismatchDeletesTheDownloadAndSaysWhatToDo(@TempDir Path dir) {
    ArchiveStore store = new ArchiveStore(dir);
    UserError e = assertThrows(UserError.class, () -> store.download(file("00".repeat(32)), fetcher()));
    assertTrue(e.getMessage().startsWith("checksum mismatch for "), e.getMessage());
    assertTrue(e.getMessage().contains("data.bin") && e.getMessage().contains("fetch"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertFalse(Files.exists(dir.resolve("data.bin")));
    assertFalse(Files.exists(dir.resolve("data.bin.part")));
  }

  @Test
  void serverErrorsAreRetriedWithBackoff(@TempDir Path dir) throws Exception {
    script.add("503");
    script.add("503");
    new ArchiveStore(dir).download(file(Hashing.sha256Hex(BODY)), fetcher());
    assertEquals(3, requests.get());
    assertArrayEquals(BODY, Files.readAllBytes(dir.resolve("data.bin")));
  }

  @Test
  void persistentServerErrorsGiveUpKeepingThePartFile(@TempDir Path dir) {
    script.add("cut");
    script.add("503");
    script.add("503");
    UserError e = assertThrows(UserError.class,
        () -> new ArchiveStore(dir).download(file(Hashing.sha256Hex(BODY)), fetcher()));
    assertTrue(e.getMessage().contains("failed after 3 attempts") && e.getMessage().contains("rerun to resume"),
        e.getMessage());
    assertFalse(Files.exists(dir.resolve("data.bin")));
    assertTrue(Files.exists(dir.resolve("data.bin.part")));
  }

  @Test
  void notFoundIsNotRetried(@TempDir Path dir) {
    script.add("404");
    UserError e = assertThrows(UserError.class,
        () -> new ArchiveStore(dir).download(file(Hashing.sha256Hex(BODY)), fetcher()));
    assertTrue(e.getMessage().startsWith("HTTP 404"), e.getMessage());
    assertEquals(1, requests.get());
  }

  @Test
  void backoffDoublesUpToTheCap() {
    Fetcher f = new Fetcher(FetchConfig.defaults(), Progress.Factory.none());
    assertEquals(Duration.ofSeconds(1), f.backoff(1));
    assertEquals(Duration.ofSeconds(2), f.backoff(2));
    assertEquals(Duration.ofSeconds(4), f.backoff(3));
    assertEquals(Duration.ofSeconds(60), f.backoff(12));
  }

  @Test
  void fetchCommandPathDownloadsFashionMnistFromAMirror(@TempDir Path cache) throws Exception {
    // the mirror serves the same bytes under every name; pins are overridden to those bytes
    String sha = Hashing.sha256Hex(BODY);
    Map<String, String> sums = Map.of("train-images-idx3-ubyte.gz", sha, "train-labels-idx1-ubyte.gz", sha,
        "t10k-images-idx3-ubyte.gz", sha, "t10k-labels-idx1-ubyte.gz", sha);
    var opts = TestData.options(cache).withFetch(TestData.options(cache).fetch()
        .withMirror(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/files/"))
        .withExpectedSha256(sums));
    // Debian's copy may be installed: it is found first only when its checksums match, which they do not here
    List<VerifiedFile> got = Datasets.fetch("fashion-mnist", opts.withOffline(false));
    assertEquals(4, got.size());
    for (VerifiedFile v : got) {
      assertEquals(sha, v.sha256());
    }
  }
  @Test
  void aUserChecksumIsRememberedWithTheFileItAdmitted(@TempDir Path dir, @TempDir Path mine) throws Exception {
    Path local = mine.resolve("data.bin");
    Files.write(local, BODY);
    RemoteFile pinned = file("00".repeat(32)); // the user's copy is not the pinned one
    ArchiveStore store = new ArchiveStore(dir);
    VerifiedFile adopted = store.adopt(pinned, local, Hashing.sha256Hex(BODY));
    assertEquals(Verifier.USER_SHA256, adopted.verifiedAgainst());
    // a later command without the option accepts the copy, and says it was an override
    VerifiedFile again = store.lookup(pinned).orElseThrow();
    assertEquals(Verifier.USER_SHA256, again.verifiedAgainst());
    assertEquals(Hashing.sha256Hex(BODY), again.sha256());
    // also when the record is stale: the copy is verified again against the remembered SHA-256
    Files.setLastModifiedTime(local, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
    assertEquals(Verifier.USER_SHA256, store.lookup(pinned).orElseThrow().verifiedAgainst());
    // a changed copy fails against it, naming the option
    Files.write(local, java.util.Arrays.copyOf(BODY, 1000));
    UserError changed = assertThrows(UserError.class, () -> store.lookup(pinned));
    assertTrue(changed.getMessage().contains("--expect-sha256"), changed.getMessage());
    // a new copy is checked against the pinned checksums unless the option is given again
    Files.write(local, BODY);
    UserError fresh = assertThrows(UserError.class, () -> store.adopt(pinned, local, null));
    assertTrue(fresh.getMessage().contains("must have " + "00".repeat(32)), fresh.getMessage());
    assertEquals(0, requests.get());
  }

  @Test
  void fromNeverDownloadsAndSaysWhatWasExpected(@TempDir Path cache, @TempDir Path dir) throws Exception {
    var mirror = TestData.options(cache).fetch().withAttempts(1)
        .withMirror(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/files/"));
    Path other = dir.resolve("some-other-name.tar.gz");
    Files.write(other, BODY);
    UserError e = assertThrows(UserError.class,
        () -> Datasets.fetch("cifar10", TestData.options(cache).withFetch(mirror).withFrom(other)));
    assertTrue(e.getMessage().startsWith("--from " + other + " is not one of cifar-10-binary.tar.gz,"
        + " cifar-10-python.tar.gz"), e.getMessage());
    assertTrue(e.getMessage().contains("rename it, or pass --variant (python, binary)"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));

    // a folder lacking one of COCO's files (with checksums the test copies match): no download either
    String sha = Hashing.sha256Hex(BODY);
    Files.write(dir.resolve("annotations_trainval2017.zip"), BODY);
    Files.write(dir.resolve("train2017.zip"), BODY);
    var withSums = mirror.withExpectedSha256(Map.of("annotations_trainval2017.zip", sha, "train2017.zip", sha,
        "val2017.zip", sha));
    e = assertThrows(UserError.class,
        () -> Datasets.fetch("coco", TestData.options(cache).withFetch(withSums).withFrom(dir)));
    assertTrue(e.getMessage().contains("holds no val2017.zip and --from never downloads"), e.getMessage());
    // one file under a name the dataset does not use
    e = assertThrows(UserError.class,
        () -> Datasets.fetch("coco", TestData.options(cache).withFetch(withSums).withFrom(other)));
    assertTrue(e.getMessage().startsWith("--from " + other + " is not one of annotations_trainval2017.zip,"
        + " train2017.zip, val2017.zip; pass the folder that holds them"), e.getMessage());
    // one of them alone
    e = assertThrows(UserError.class, () -> Datasets.fetch("coco",
        TestData.options(cache).withFetch(withSums).withFrom(dir.resolve("train2017.zip"))));
    assertTrue(e.getMessage().contains("is only one of the files coco needs"), e.getMessage());
    assertEquals(0, requests.get(), "nothing was downloaded");
  }
}
