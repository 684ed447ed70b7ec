package dev.asyncj;

/**
 * The base of the coroutines the runtime writes by hand (the runtime is not compiled with the
 * asyncj processor): {@code Lock.acquire()}, {@code Queue.get()}, {@code waitFor}, the bodies of
 * {@code TaskGroup} and {@code timeout}...
 *
 * <p>A subclass implements {@link #step}, a {@code switch} on {@code state} like a generated state
 * machine, but each await is one line, {@code return await(x);}: {@link #resume()} starts waiting
 * for {@code x} and calls {@code step} again with its value or its exception, right away if {@code
 * x} finished without suspending, or when the task is resumed. So every state receives the outcome
 * of the previous await in one place, whether it came at once or later.
 *
 * @param <T> the type of the coroutine's value
 */
abstract class Procedure<T> extends Coroutine<T> {
  /** What {@link #step} returns to wait for {@link #next}. */
  static final Object AWAIT =
      new Object() {
        @Override
        public String toString() {
          return "AWAIT";
        }
      };

  private final String name;
  private Awaitable<?> next;
  private boolean waiting;

  /** @param name the name {@code toString()} shows, as Python's {@code __qualname__} */
  Procedure(String name) {
    this.name = name;
  }

  /**
   * Runs from {@code state}, given the outcome of the previous await ({@code error} is null if it
   * gave {@code value}; both are null on the first call). Returns the coroutine's value, throws its
   * exception, or returns {@code await(x)} to wait for {@code x}.
   */
  abstract Object step(Object value, Throwable error) throws Throwable;

  /** Waits for {@code awaitable}: write {@code return await(x);} in {@link #step}. */
  final Object await(Awaitable<?> awaitable) {
    next = awaitable;
    return AWAIT;
  }

  @Override
  protected final Object resume() throws Throwable {
    Object value = null;
    Throwable error = null;
    if (waiting) {
      waiting = false;
      try {
        value = awaitedValue();
      } catch (Throwable e) {
        error = e;
      }
    }
    while (true) {
      Object result = step(value, error);
      if (result != AWAIT) {
        return result;
      }
      Awaitable<?> awaitable = next;
      next = null;
      try {
        if (suspendOn(awaitable)) {
          waiting = true;
          return SUSPENDED;
        }
        value = awaitedValue();
        error = null;
      } catch (Throwable e) {
        value = null;
        error = e;
      }
    }
  }

  @Override
  protected String qualifiedName() {
    return name;
  }
}
