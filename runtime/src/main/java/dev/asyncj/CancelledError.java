package dev.asyncj;

import java.util.concurrent.CancellationException;

/**
 * Thrown at the await where a cancelled task is suspended, and by {@code result()} of a cancelled
 * future or task. Python: {@code asyncio.CancelledError}.
 *
 * <p>Unlike Python, where it is a {@code BaseException}, it extends {@link CancellationException}
 * (an unchecked exception), so a {@code catch (Exception e)} block catches it too: rethrow it there
 * unless you mean to stop the cancellation.
 */
public class CancelledError extends CancellationException {
  private static final long serialVersionUID = 1L;

  /** Creates an error with no message. */
  public CancelledError() {}

  /** Creates an error carrying the message given to {@code cancel(message)}, which may be null. */
  public CancelledError(String message) {
    super(message);
  }
}
