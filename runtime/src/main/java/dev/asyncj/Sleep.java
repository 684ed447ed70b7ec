package dev.asyncj;

/**
 * The coroutine {@link Asyncio#sleep(double)} returns: Python's {@code asyncio.sleep}. Like
 * Python's, it is lazy: the delay starts when it is awaited, not when it is created.
 *
 * @param <T> the type of the value it returns when done
 */
final class Sleep<T> extends Coroutine<T> {
  private final long delayNanos;
  private final T result;

  Sleep(long delayNanos, T result) {
    this.delayNanos = delayNanos;
    this.result = result;
  }

  @Override
  protected Object resume() throws Throwable {
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
    return result;
  }

  @Override
  protected String qualifiedName() {
    return "sleep";
  }
}
