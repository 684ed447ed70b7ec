package dev.asyncj;

/**
 * Thrown when a future or task is used in a state that does not allow it: its result read before it
 * is done, or its result set twice. Python: {@code asyncio.InvalidStateError}.
 */
public class InvalidStateError extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** Creates an error with a message that says what was attempted in which state. */
  public InvalidStateError(String message) {
    super(message);
  }
}
