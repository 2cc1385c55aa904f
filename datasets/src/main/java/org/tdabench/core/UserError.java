package org.tdabench.core;

/**
 * A failure caused by the user's input or environment (bad option, wrong checksum, missing file,
 * corrupt checkpoint, ...). The command-line interface prints {@link #getMessage()} as one line on
 * stderr and exits non-zero; the message must say what is wrong and what to do about it.
 */
public class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code text} on one line (library messages sometimes embed newlines), at most 300 characters. */
  public static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    String t = text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    return t.length() > 300 ? t.substring(0, 297) + "..." : t;
  }
}
