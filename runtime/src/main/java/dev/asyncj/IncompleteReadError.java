package dev.asyncj;

import java.io.EOFException;
import java.io.UncheckedIOException;

/**
 * The stream ended before a read got all it asked for: {@link StreamReader#readexactly} before
 * {@code n} bytes, {@link StreamReader#readuntil} before the separator. Python: {@code
 * asyncio.IncompleteReadError}, a subclass of {@code EOFError}.
 *
 * <p>Unchecked, as every asyncj exception with an asyncio name is. The JDK's type for the end of a
 * stream, {@link EOFException}, is checked, so this is its unchecked form: an {@link
 * UncheckedIOException} whose {@link #getCause() cause} is an {@code EOFException} with the same
 * message. {@code catch (IncompleteReadError e)} is Python's {@code except IncompleteReadError};
 * {@code catch (UncheckedIOException e)} with {@code e.getCause() instanceof EOFException} is its
 * {@code except EOFError}. (Python's {@code EOFError} is not an {@code OSError}, so a {@code catch
 * (IOException e)}, Python's {@code except OSError}, does not catch it either.)
 */
public class IncompleteReadError extends UncheckedIOException {
  private static final long serialVersionUID = 2L;

  private final byte[] partial;
  private final Integer expected;

  /**
   * @param partial the bytes read before the end of the stream
   * @param expected how many bytes were expected, or {@code null} (Python's {@code None}) when
   *     the read was looking for a separator
   */
  public IncompleteReadError(byte[] partial, Integer expected) {
    this(message(partial, expected), partial, expected);
  }

  private IncompleteReadError(String message, byte[] partial, Integer expected) {
    super(message, new EOFException(message));
    this.partial = partial;
    this.expected = expected;
  }

  private static String message(byte[] partial, Integer expected) {
    return partial.length + " bytes read on a total of "
        + (expected == null ? "undefined" : expected) + " expected bytes";
  }

  /** The end of the stream, as the JDK says it: an {@link EOFException} with the same message. */
  @Override
  public EOFException getCause() {
    return (EOFException) super.getCause();
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
