package dev.asyncj;

import java.util.ArrayDeque;

/**
 * A mutual-exclusion lock for tasks: one task holds it at a time; the others wait in {@link
 * #acquire()}, and get it in the order they asked. Python: {@code asyncio.Lock}.
 *
 * <p>Python's {@code async with lock:} is, in an {@code @Async} method,
 *
 * <pre>{@code
 * try (lock) {            // awaits lock.acquire(); the end of the block releases it
 *   ...
 * }
 * }</pre>
 *
 * <p>(see {@link AsyncCloseable}), or {@code Await.of(lock.acquire()); try { ... } finally {
 * lock.release(); }}.
 *
 * <p>Acquiring a free lock does not yield to the loop. Not thread safe: for tasks of one loop.
 */
public class Lock extends LoopBound implements AsyncCloseable {
  private ArrayDeque<Future<Boolean>> waiters;
  private boolean locked;

  /** Creates an unlocked lock. Python: {@code asyncio.Lock()}. */
  public Lock() {}

  /** Whether a task holds the lock. Python: {@code locked()}. */
  public boolean locked() {
    return locked;
  }

  /**
   * Waits until the lock is free, then takes it; gives {@code true}. Waiters get it first in,
   * first out; one whose task is cancelled while waiting never gets it. Python: {@code acquire()}.
   */
  public Coroutine<Boolean> acquire() {
    return new Acquire();
  }

  /**
   * Frees the lock and lets the longest waiting task take it. Python: {@code release()}.
   *
   * @throws IllegalStateException if the lock is not held (Python: {@code RuntimeError: Lock is not
   *     acquired.})
   */
  public void release() {
    if (locked) {
      locked = false;
      wakeUpFirst();
    } else {
      throw new IllegalStateException("Lock is not acquired.");
    }
  }

  /**
   * Acquires the lock when a try-with-resources block over it starts in an {@code @Async} method:
   * {@code try (lock) { ... }} is Python's {@code async with lock:}.
   */
  @Override
  public Coroutine<Boolean> asyncEnter() {
    return acquire();
  }

  /** Releases the lock when the block is left, however it is left; lets any exception go on. */
  @Override
  public Coroutine<Boolean> asyncExit(Throwable pending) {
    release();
    return new Done<>(false);
  }

  private void wakeUpFirst() {
    if (waiters == null || waiters.isEmpty()) {
      return;
    }
    Future<Boolean> first = waiters.peekFirst();
    if (!first.done()) {
      first.complete(true);
    }
  }

  private boolean allWaitersCancelled() {
    if (waiters != null) {
      for (Future<Boolean> waiter : waiters) {
        if (!waiter.cancelled()) {
          return false;
        }
      }
    }
    return true;
  }

  /** Reads like Python's repr: {@code <Lock [locked, waiters:2]>}. */
  @Override
  public String toString() {
    String extra = locked ? "locked" : "unlocked";
    if (waiters != null && !waiters.isEmpty()) {
      extra += ", waiters:" + waiters.size();
    }
    return "<" + getClass().getSimpleName() + " [" + extra + "]>";
  }

  private final class Acquire extends Procedure<Boolean> {
    private Future<Boolean> waiter;

    Acquire() {
      super("Lock.acquire");
    }

    @Override
    Object step(Object value, Throwable error) throws Throwable {
      if (state == 0) {
        // Fair: a free lock with live waiters goes to them, not to a newcomer.
        if (!locked && allWaitersCancelled()) {
          locked = true;
          return Boolean.TRUE;
        }
        EventLoop loop = bind(this.task.loop);
        if (waiters == null) {
          waiters = new ArrayDeque<>();
        }
        waiter = new Future<>(loop);
        waiters.add(waiter);
        state = 1;
        return await(waiter);
      }
      waiters.remove(waiter);
      if (error != null) {
        if (error instanceof CancelledError && !locked) {
          // Keep the invariant: a free lock with waiters wakes the first of them.
          wakeUpFirst();
        }
        throw error;
      }
      locked = true;
      return Boolean.TRUE;
    }
  }
}
