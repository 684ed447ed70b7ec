package dev.asyncj;

import java.io.EOFException;

/**
 * The stream ended before a read got all it asked for: {@link StreamReader#readexactly} before
 * {@code n} bytes, {@link StreamReader#readuntil} before the separator. Python: {@code
 * asyncio.IncompleteReadError}, a subclass of {@code EOFError}; here a subclass of {@link
 * EOFException}, the JDK's end-of-file error, so it is an {@link java.io.IOException} like every
 * other failure of a stream.
 */
public class IncompleteReadError extends EOFException {
  private static final long serialVersionUID = 1L;

  private final byte[] partial;
  private final Integer expected;

  /**
   * @param partial the bytes read before the end of the stream
   * @param expected how many bytes were expected, or {@code null} (Python's {@code None}) when
   *     the read was looking for a separator
   */
  public IncompleteReadError(byte[] partial, Integer expected) {
    super(partial.length + " bytes read on a total of "
        + (expected == null ? "undefined" : expected) + " expected bytes");
    this.partial = partial;
    this.expected = expected;
  }

  /** The bytes read before the end of the stream. Python: {@code partial}. */
  public byte[] partial() {
    return partial.clone();
  }

  /** How many bytes were expected, or {@code null}. Python: {@code expected}. */
  public Integer expected() {
    return expected;
  }
}
