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
}
