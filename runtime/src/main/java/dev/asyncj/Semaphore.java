package dev.asyncj;

import java.util.ArrayDeque;

/**
 * A counter of permits for tasks: {@link #acquire()} takes one, waiting while there are none;
 * {@link #release()} gives one back. Waiters get permits first in, first out. Python: {@code
 * asyncio.Semaphore}.
 *
 * <p>Python's {@code async with sem:} is {@code try (sem) { ... }} in an {@code @Async} method: it
 * awaits a permit when the block starts and gives it back at the end (see {@link AsyncCloseable}). The
 * name is asyncio's; import it by its single name where {@code java.util.concurrent.Semaphore} is
 * in use too.
 */
public class Semaphore extends LoopBound implements AsyncCloseable {
  private ArrayDeque<Future<Boolean>> waiters;
  int value;

  /** A semaphore with one permit. Python: {@code asyncio.Semaphore()}. */
  public Semaphore() {
    this(1);
  }

  /**
   * A semaphore with {@code value} permits. Python: {@code asyncio.Semaphore(value)}.
   *
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public Semaphore(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("Semaphore initial value must be >= 0");
    }
    this.value = value;
  }

  /**
   * Whether {@link #acquire()} would wait: no permit left, or tasks waiting before. Python: {@code
   * locked()}.
   */
  public boolean locked() {
    if (value == 0) {
      return true;
    }
    if (waiters != null) {
      for (Future<Boolean> waiter : waiters) {
        if (!waiter.cancelled()) {
          return true;
        }
      }
    }
    return false;
  }

  /** How many permits are free. Python: the {@code _value} attribute. */
  public int value() {
    return value;
  }

  /**
   * Takes a permit, waiting for one if needed; gives {@code true}. Python: {@code acquire()}.
   */
  public Coroutine<Boolean> acquire() {
    return new Acquire();
  }

  /** Gives a permit back and wakes the longest waiting task. Python: {@code release()}. */
  public void release() {
    value++;
    wakeUpNext();
  }

  /**
   * Acquires a permit when a try-with-resources block over it starts in an {@code @Async} method:
   * {@code try (sem) { ... }} is Python's {@code async with sem:}.
   */
  @Override
  public Coroutine<Boolean> asyncEnter() {
    return acquire();
  }

  /** Releases a permit when the block is left, however it is left; lets any exception go on. */
  @Override
  public Coroutine<Boolean> asyncExit(Throwable pending) {
    release();
    return new Done<>(false);
  }

  private boolean wakeUpNext() {
    if (waiters == null || waiters.isEmpty()) {
      return false;
    }
    for (Future<Boolean> waiter : waiters) {
      if (!waiter.done()) {
        value--;
        waiter.complete(true);
        return true;
      }
    }
    return false;
  }

  /** Reads like Python's repr: {@code <Semaphore [unlocked, value:2]>}. */
  @Override
  public String toString() {
    String extra = locked() ? "locked" : "unlocked, value:" + value;
    if (waiters != null && !waiters.isEmpty()) {
      extra += ", waiters:" + waiters.size();
    }
    return "<" + getClass().getSimpleName() + " [" + extra + "]>";
  }

  private final class Acquire extends Procedure<Boolean> {
    private Future<Boolean> waiter;

    Acquire() {
      super("Semaphore.acquire");
    }

    @Override
    Object step(Object result, Throwable error) throws Throwable {
      if (state == 0) {
        if (!locked()) {
          value--;
          return Boolean.TRUE;
        }
        if (waiters == null) {
          waiters = new ArrayDeque<>();
        }
        waiter = new Future<>(bind(this.task.loop));
        waiters.add(waiter);
        state = 1;
        return await(waiter);
      }
      waiters.remove(waiter);
      if (error instanceof CancelledError && waiter.done() && !waiter.cancelled()) {
        // We were given a permit but will not take it: give it back.
        value++;
      }
      // Newcomers may have queued behind us: wake as many as there are permits.
      while (value > 0) {
        if (!wakeUpNext()) {
          break;
        }
      }
      if (error != null) {
        throw error;
      }
      return Boolean.TRUE;
    }
  }
}
