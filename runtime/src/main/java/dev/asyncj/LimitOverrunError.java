package dev.asyncj;

import java.io.IOException;

/**
 * {@link StreamReader#readuntil} reached the reader's limit before finding the separator, or found
 * it past the limit. The data stays in the reader. Python: {@code asyncio.LimitOverrunError}. An
 * {@link IOException} here, so that one {@code catch} handles every failure of a stream read.
 */
public class LimitOverrunError extends IOException {
  private static final long serialVersionUID = 1L;

  private final int consumed;

  /** @param consumed how many bytes would have to be consumed (Python: {@code consumed}) */
  public LimitOverrunError(String message, int consumed) {
    super(message);
    this.consumed = consumed;
  }

  /** How many bytes to consume to get past the offending data. Python: {@code consumed}. */
  public int consumed() {
    return consumed;
  }
}
