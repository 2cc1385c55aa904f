package org.tdabench.benchmark.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Copies the child's stderr to ours, dropping TensorFlow's native INFO/WARNING lines (absl and glog
 * format, e.g. {@code I0000 00:00:1795765657.197306 2512 mlir_graph_optimization_pass.cc:401] ...},
 * and absl's "All log messages before absl::InitializeLog()" notice), which TF_CPP_MIN_LOG_LEVEL
 * does not silence. Everything else passes at once: a line that cannot be such a line is flushed
 * byte by byte (progress bars redraw with carriage returns), and only lines that start like one are
 * held until their end.
 */
final class NativeLogFilter implements Runnable {
  static final Pattern NATIVE = Pattern.compile("^[IW]\\d{4} [0-9:.]+\\s+\\d+ [^\\]]+\\] .*");
  static final String ABSL_NOTICE = "WARNING: All log messages before absl::InitializeLog() is called";

  private final InputStream in;
  private final OutputStream out;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private boolean passing;

  NativeLogFilter(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  @Override
  public void run() {
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        write(buf, n);
      }
      end();
    } catch (IOException e) {
      // the child is gone; nothing more to copy
    }
  }

  void write(byte[] buf, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      byte b = buf[i];
      if (passing) {
        out.write(b);
        if (b == '\n' || b == '\r') {
          passing = false;
        }
        continue;
      }
      line.write(b);
      if (b == '\n' || b == '\r') {
        emit();
      } else if (!mayBeNative(line.toString(StandardCharsets.UTF_8)) || line.size() > 4096) {
        out.write(line.toByteArray());
        line.reset();
        passing = true;
      }
    }
    out.flush();
  }

  void end() throws IOException {
    emit();
    out.flush();
  }

  private void emit() throws IOException {
    String s = line.toString(StandardCharsets.UTF_8);
    String text = s.stripTrailing();
    if (!(NATIVE.matcher(text).matches() || text.startsWith(ABSL_NOTICE))) {
      out.write(line.toByteArray());
    }
    line.reset();
  }

  /** Whether a line that starts with {@code prefix} could still be a native log line. */
  static boolean mayBeNative(String prefix) {
    if (prefix.isEmpty()) {
      return true;
    }
    if (ABSL_NOTICE.startsWith(prefix) || prefix.startsWith(ABSL_NOTICE)) {
      return true;
    }
    char c = prefix.charAt(0);
    if (c != 'I' && c != 'W') {
      return false;
    }
    // "I0000 00:00:..." : a letter, four digits, a space, then time digits.
    for (int i = 1; i < Math.min(5, prefix.length()); i++) {
      if (!Character.isDigit(prefix.charAt(i))) {
        return false;
      }
    }
    return prefix.length() <= 5 || prefix.charAt(5) == ' ';
  }
}
