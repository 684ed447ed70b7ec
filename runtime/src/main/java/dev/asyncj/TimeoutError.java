package dev.asyncj;

/**
 * Thrown when a deadline passes: by {@link Asyncio#waitFor}, {@link Asyncio#timeout}, and the
 * awaits of {@link Asyncio#asCompleted} given a timeout. Python: {@code TimeoutError} (which {@code
 * asyncio.TimeoutError} is, since 3.11).
 *
 * <p>Its cause is the {@link CancelledError} that the deadline threw into the work it stopped, as
 * Python's {@code __cause__}.
 *
 * <p>It extends {@link RuntimeException}, not {@link java.util.concurrent.TimeoutException}, which
 * means the same but is checked: javac rejects a {@code catch} of a checked exception that nothing
 * in the {@code try} declares, and {@code Await.of} declares nothing, so {@code catch
 * (TimeoutException e)} around an await would not compile.
 */
public class TimeoutError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an error with no message. */
  public TimeoutError() {}

  /** Creates an error with a message. */
  public TimeoutError(String message) {
    super(message);
  }

  /** Creates an error caused by the cancellation it replaces (Python: {@code raise ... from}). */
  public TimeoutError(String message, Throwable cause) {
    super(message, cause);
  }
}
