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
  /*
   * Maintainer notes. A sleep awaited by a coroutine finishes as soon as it has set its timer (or
   * asked for its turn of the loop), and the task, when woken, resumes the awaiting coroutine
   * directly. Its value is null and a CancelledError thrown at the wake-up is the same object
   * either way, so nothing observable changes; but the sleep is garbage at once instead of being
   * held by each sleeping task (32 bytes each, for a million sleepers), and sleep(0) allocates
   * nothing that lives past its await. The sleep stays a frame of its own when it is a task's
   * whole coroutine (createTask(sleep(1)): the task returns from it), when it gives a value
   * (WithResult), and in debug mode, whose async stack traces start from the frame that threw.
   */
  private final long delayNanos;

  Sleep(long delayNanos) {
    this.delayNanos = delayNanos;
  }

  @Override
  protected final Object resume() throws Throwable {
    if (state == 0) {
      Coroutine<?> awaiting = caller;
      if (awaiting != null && !givesValue() && !task.loop.getDebug()) {
        finish(); // see the notes: the awaiting coroutine is resumed in its place
        waitIn(awaiting);
      } else {
        state = 1;
        waitIn(this);
      }
      return SUSPENDED;
    }
    awaitedValue(); // throws the CancelledError of a cancelled sleep
    return result();
  }

  /** Makes the task resume {@code frame} once the delay is over. */
  private void waitIn(Coroutine<?> frame) {
    if (delayNanos <= 0) {
      task.yieldFrom(frame); // sleep(0): let every other ready task run once
    } else {
      task.sleepUntil(task.loop.nanoTime() + delayNanos, frame);
    }
  }

  /** The value the sleep gives. */
  T result() {
    return null;
  }

  /** Whether the sleep gives a value other than null. */
  boolean givesValue() {
    return false;
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

    @Override
    boolean givesValue() {
      return true;
    }
  }
}
