package dev.asyncj;

/**
 * The coroutine {@link Asyncio#sleep(double)} returns: Python's {@code asyncio.sleep}. Like
 * Python's, it is lazy: the delay starts when it is awaited, not when it is created.
 *
 * <p>The value it gives is {@code null}; {@link WithResult}, for {@code sleep(delay, result)},
 * carries one, so that the common sleep has no field for it (a million sleeping tasks hold a
 * million of these).
 *
 * @param <T> the type of the value it returns when done
 */
class Sleep<T> extends Coroutine<T> {
  private final long delayNanos;

  Sleep(long delayNanos) {
    this.delayNanos = delayNanos;
  }

  @Override
  protected final Object resume() throws Throwable {
    if (state == 0) {
      state = 1;
      if (delayNanos <= 0) {
        yieldOnce(); // sleep(0): let every other ready task run once
      } else {
        task.sleepUntil(loop().nanoTime() + delayNanos, this);
      }
      return SUSPENDED;
    }
    awaitedValue(); // throws the CancelledError of a cancelled sleep
    return result();
  }

  /** The value the sleep gives. */
  T result() {
    return null;
  }

  @Override
  protected String qualifiedName() {
    return "sleep";
  }

  /** {@code sleep(delay, result)}: a sleep that gives {@code result}. */
  static final class WithResult<T> extends Sleep<T> {
    private final T result;

    WithResult(long delayNanos, T result) {
      super(delayNanos);
      this.result = result;
    }

    @Override
    T result() {
      return result;
    }
  }
}
