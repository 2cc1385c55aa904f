package org.tdabench.datasets.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tdabench.core.Progress;
import org.tdabench.core.UserError;

/**
 * Downloads one URL to a {@code .part} file with resume (HTTP Range requests), retries with
 * exponential backoff on connection errors and 5xx/408/429 answers, and a progress bar. The caller
 * verifies and renames the part file; this class never produces a file under its final name.
 */
public final class Fetcher {
  private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

  private final FetchConfig config;
  private final HttpClient client;
  private final Progress.Factory progress;

  public Fetcher(FetchConfig config, Progress.Factory progress) {
    this.config = config;
    this.progress = progress;
    // HTTP/1.1: plain-http upgrade attempts to h2c confuse some servers and mirrors.
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(config.connectTimeout())
        .build();
  }

  public FetchConfig config() {
    return config;
  }

  /**
   * Downloads {@code url} into {@code part}, resuming from whatever {@code part} already holds.
   * Returns when the server has sent the whole body; throws {@link UserError} after the last failed
   * attempt (the part file is kept so that a rerun resumes).
   */
  public void download(URI url, Path part, String displayName) {
    IOException last = null;
    for (int attempt = 0; attempt < config.attempts(); attempt++) {
      if (attempt > 0) {
        sleep(backoff(attempt));
      }
      try {
        if (downloadOnce(url, part, displayName)) {
          return;
        }
        last = new IOException("the server sent an incomplete body");
      } catch (Retryable e) {
        last = e;
      } catch (InterruptedIOException e) {
        Thread.currentThread().interrupt();
        throw new UserError("download of " + displayName + " was interrupted; rerun to resume from " + part);
      } catch (IOException e) {
        last = e;
      }
      LOG.warn("download of {} failed (attempt {} of {}): {}", displayName, attempt + 1, config.attempts(),
          describe(last));
    }
    boolean partial = Files.isRegularFile(part) && part.toFile().length() > 0;
    throw new UserError("download of " + displayName + " from " + url + " failed after " + config.attempts()
        + " attempts (" + describe(last) + "); " + (partial ? "the partial file " + part + " is kept: rerun to resume"
        : "check the network or the URL and rerun") + ", or pass --from with a copy you already have");
  }

  /** An exception as one line, naming its type when it has no message (e.g. a refused connection). */
  static String describe(Throwable e) {
    String m = e.getMessage();
    String type = e.getClass().getSimpleName();
    if (m == null || m.isBlank()) {
      return type;
    }
    String one = UserError.oneLine(m);
    return type.equals("IOException") || type.equals("Retryable") ? one : type + ": " + one;
  }

  /** One HTTP exchange; true when the part file now holds the whole body. */
  private boolean downloadOnce(URI url, Path part, String displayName) throws IOException {
    long have = Files.exists(part) ? Files.size(part) : 0;
    HttpRequest.Builder rb = HttpRequest.newBuilder(url).GET().header("User-Agent", "tdabench");
    if (have > 0) {
      rb.header("Range", "bytes=" + have + "-");
    }
    HttpResponse<InputStream> resp;
    try {
      resp = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
    int status = resp.statusCode();
    try (InputStream body = resp.body()) {
      if (status == 416 && have > 0) {
        return true; // nothing left to send: the part file is (claimed) complete; verification decides
      }
      if (status >= 500 || status == 408 || status == 429) {
        throw new Retryable("HTTP " + status);
      }
      long total;
      boolean append;
      if (status == 206) {
        Matcher m = CONTENT_RANGE.matcher(resp.headers().firstValue("Content-Range").orElse(""));
        if (!m.matches() || Long.parseLong(m.group(1)) != have) {
          Files.deleteIfExists(part); // the server answered another range: start over
          throw new Retryable("unexpected Content-Range " + resp.headers().firstValue("Content-Range").orElse("(none)"));
        }
        total = "*".equals(m.group(3)) ? -1 : Long.parseLong(m.group(3));
        append = true;
      } else if (status == 200) {
        OptionalLong len = resp.headers().firstValueAsLong("Content-Length");
        total = len.isPresent() ? len.getAsLong() : -1;
        append = false; // the server ignored the Range header: restart from zero
        have = 0;
      } else {
        throw new UserError("HTTP " + status + " for " + url + " (" + displayName
            + "); check the URL or mirror, or pass --from with a copy you already have");
      }
      copy(body, part, append, have, total, displayName);
      long size = Files.size(part);
      return total < 0 || size == total;
    }
  }

  private void copy(InputStream body, Path part, boolean append, long have, long total, String name)
      throws IOException {
    StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
    byte[] buf = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
        Progress bar = progress.start(name, total, "MiB", 1 << 20)) {
      bar.stepTo(have);
      int n;
      while ((n = body.read(buf)) > 0) {
        out.write(buf, 0, n);
        bar.step(n);
      }
    }
  }

  Duration backoff(int attempt) {
    long ms = config.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(ms, config.maxBackoff().toMillis()));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("download interrupted");
    }
  }

  /** A failure worth retrying (server error, broken connection). */
  private static final class Retryable extends IOException {
    private static final long serialVersionUID = 1L;

    Retryable(String message) {
      super(message);
    }
  }
}
