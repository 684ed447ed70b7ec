package dev.asyncj;

import java.util.List;

/**
 * Several exceptions raised together: what a {@link TaskGroup} throws when children (or its body)
 * fail. Python: {@code ExceptionGroup} / {@code BaseExceptionGroup}.
 *
 * <p>{@link #getMessage()} reads as Python's {@code str()} of the group: {@code unhandled errors in
 * a TaskGroup (2 sub-exceptions)}; {@link #exceptions()} holds them in the order they happened.
 * They are also attached as suppressed exceptions, so a stack trace shows them all. Java has no
 * {@code except*}: catch the group and look at its exceptions.
 */
public class ExceptionGroup extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String groupMessage;
  private final List<Throwable> exceptions;

  /**
   * Creates a group of {@code exceptions} (at least one) with {@code message}. Python: {@code
   * ExceptionGroup(message, exceptions)}.
   */
  public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
    super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s")
        + ")");
    if (exceptions.isEmpty()) {
      throw new IllegalArgumentException("second argument (exceptions) must be a non-empty sequence");
    }
    this.groupMessage = message;
    this.exceptions = List.copyOf(exceptions);
    for (Throwable exception : this.exceptions) {
      if (exception != this) {
        addSuppressed(exception);
      }
    }
  }

  /** The message without the count. Python: {@code eg.message}. */
  public String message() {
    return groupMessage;
  }

  /** The exceptions in the group, in the order they happened. Python: {@code eg.exceptions}. */
  public List<Throwable> exceptions() {
    return exceptions;
  }
}
