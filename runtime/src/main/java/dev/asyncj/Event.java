package dev.asyncj;

import java.util.ArrayDeque;

/**
 * A flag tasks can wait for: {@link #set()} wakes every task waiting in {@link #await()}, and
 * later waits return at once until {@link #clear()}. Python: {@code asyncio.Event}.
 *
 * <p>Python's {@code await event.wait()} is {@code Await.of(event.await())}: {@code wait()} is a
 * final method of {@link Object}, so this class uses the name {@code java.util.concurrent} gives
 * the same thing ({@code CountDownLatch.await()}, {@code Condition.await()}).
 */
public class Event extends LoopBound {
  private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
  private boolean value;

  /** Creates an event that is not set. Python: {@code asyncio.Event()}. */
  public Event() {}

  /** Whether the flag is set. Python: {@code is_set()}. */
  public boolean isSet() {
    return value;
  }

  /** Sets the flag and wakes every waiting task, first in, first out. Python: {@code set()}. */
  public void set() {
    if (!value) {
      value = true;
      for (Future<Boolean> waiter : waiters) {
        if (!waiter.done()) {
          waiter.complete(true);
        }
      }
    }
  }

  /** Clears the flag: later waits wait again. Python: {@code clear()}. */
  public void clear() {
    value = false;
  }

  /**
   * Waits until the flag is set and gives {@code true}; at once if it is set already. Python:
   * {@code wait()}.
   */
  public Coroutine<Boolean> await() {
    return new Wait();
  }

  /** Reads like Python's repr: {@code <Event [unset, waiters:3]>}. */
  @Override
  public String toString() {
    String extra = value ? "set" : "unset";
    if (!waiters.isEmpty()) {
      extra += ", waiters:" + waiters.size();
    }
    return "<Event [" + extra + "]>";
  }

  private final class Wait extends Procedure<Boolean> {
    private Future<Boolean> waiter;

    Wait() {
      super("Event.await");
    }

    @Override
    Object step(Object result, Throwable error) throws Throwable {
      if (state == 0) {
        if (value) {
          return Boolean.TRUE;
        }
        waiter = new Future<>(bind(this.task.loop));
        waiters.add(waiter);
        state = 1;
        return await(waiter);
      }
      waiters.remove(waiter);
      if (error != null) {
        throw error;
      }
      return Boolean.TRUE;
    }
  }
}
