package dev.asyncj;

/**
 * {@link StreamReader#readuntil} reached the reader's limit before finding the separator, or found
 * it past the limit. The data stays in the reader. Python: {@code asyncio.LimitOverrunError}, a
 * direct subclass of {@code Exception}.
 *
 * <p>Unchecked, as every asyncj exception with an asyncio name is, and not an {@link
 * java.io.IOException}: nothing failed in the connection (Python's is not an {@code OSError}
 * either); the reader only refused to buffer more. {@link StreamReader#readline()} turns it into an
 * {@link IllegalArgumentException}, Python's {@code ValueError}.
 */
public class LimitOverrunError extends RuntimeException {
  private static final long serialVersionUID = 2L;

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
