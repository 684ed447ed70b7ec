package dev.asyncj;

/** Rethrowing an exception unchanged, whatever its type. */
final class Exceptions {
  private Exceptions() {}

  /**
   * Throws {@code exception} as it is, checked or not: an exception crosses awaits unchanged, as
   * in Python. Declared to return an exception so callers can write {@code throw sneakyThrow(e)}.
   */
  static RuntimeException sneakyThrow(Throwable exception) {
    throw Exceptions.<RuntimeException>uncheckedThrow(exception);
  }

  @SuppressWarnings("unchecked") // the cast is erased: the JVM does not check exception types
  private static <E extends Throwable> E uncheckedThrow(Throwable exception) throws E {
    throw (E) exception;
  }
}
