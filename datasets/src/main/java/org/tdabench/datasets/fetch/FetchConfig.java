package org.tdabench.datasets.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How downloads behave.
 *
 * @param attempts tries per file before giving up (default 5); a cut connection resumes from the
 *     partial file with a Range request
 * @param initialBackoff wait before the second try, doubled after each failure (default 1 s)
 * @param maxBackoff longest wait between tries (default 60 s)
 * @param connectTimeout TCP connect timeout (default 30 s)
 * @param mirror a base URL replacing every file's upstream location ({@code mirror + fileName}),
 *     or null
 * @param urls per-file URL overrides keyed by file name (take precedence over the mirror)
 * @param expectedSha256 per-file SHA-256 replacing the pinned checksums (for mirrors serving
 *     re-packaged archives, and for tests); the manifest records that the pin was overridden, and the
 *     download cache remembers the override with the file it verified
 */
public record FetchConfig(
    int attempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration connectTimeout,
    URI mirror,
    Map<String, URI> urls,
    Map<String, String> expectedSha256) {

  public FetchConfig {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1");
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    urls = urls == null ? Map.of() : Map.copyOf(urls);
    expectedSha256 = expectedSha256 == null ? Map.of() : Map.copyOf(expectedSha256);
  }

  /** The defaults documented above. */
  public static FetchConfig defaults() {
    return new FetchConfig(5, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(30), null, Map.of(), Map.of());
  }

  public FetchConfig withAttempts(int n) {
    return new FetchConfig(n, initialBackoff, maxBackoff, connectTimeout, mirror, urls, expectedSha256);
  }

  public FetchConfig withBackoff(Duration initial, Duration max) {
    return new FetchConfig(attempts, initial, max, connectTimeout, mirror, urls, expectedSha256);
  }

  public FetchConfig withMirror(URI base) {
    return new FetchConfig(attempts, initialBackoff, maxBackoff, connectTimeout, base, urls, expectedSha256);
  }

  public FetchConfig withUrls(Map<String, URI> overrides) {
    return new FetchConfig(attempts, initialBackoff, maxBackoff, connectTimeout, mirror, overrides, expectedSha256);
  }

  public FetchConfig withExpectedSha256(Map<String, String> sums) {
    return new FetchConfig(attempts, initialBackoff, maxBackoff, connectTimeout, mirror, urls, sums);
  }

  /** The SHA-256 the user gave for {@code file} (replacing its pinned checksums), or null. */
  public String userSha256(RemoteFile file) {
    return expectedSha256.get(file.fileName());
  }

  /** The URL to download {@code file} from, after overrides. */
  public URI urlFor(RemoteFile file) {
    URI u = urls.get(file.fileName());
    if (u != null) {
      return u;
    }
    if (mirror != null) {
      String base = mirror.toString();
      return URI.create(base.endsWith("/") ? base + file.fileName() : base + "/" + file.fileName());
    }
    return file.url();
  }
}
