package dev.asyncj;

import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * A condition variable for tasks: while holding its lock, a task waits in {@link #await()} until
 * another task signals it. Python: {@code asyncio.Condition}.
 *
 * <p>Python's {@code wait()}, {@code notify()} and {@code notify_all()} collide with final methods
 * of {@link Object}, so this class takes the names {@link java.util.concurrent.locks.Condition}
 * gives the same operations: {@code cond.wait()} is {@link #await()}, {@code cond.notify(n)} is
 * {@link #signal(int)} ({@link #signal()} for one), {@code cond.notify_all()} is {@link
 * #signalAll()}. {@code wait_for} keeps its name: {@link #waitFor}.
 *
 * <p>Python's {@code async with cond:} is {@code try (cond) { ... }} in an {@code @Async} method:
 * it awaits the lock when the block starts and releases it at the end (see {@link AsyncCloseable}).
 * The name is asyncio's; import it by its single name where {@code
 * java.util.concurrent.locks.Condition} is in use too.
 */
public class Condition extends LoopBound implements AsyncCloseable {
  private final Lock lock;
  private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();

  /** Creates a condition with a new lock of its own. Python: {@code asyncio.Condition()}. */
  public Condition() {
    this(new Lock());
  }

  /** Creates a condition that uses {@code lock}. Python: {@code asyncio.Condition(lock)}. */
  public Condition(Lock lock) {
    if (lock == null) {
      throw new NullPointerException("Condition(null): give a Lock, or use Condition()");
    }
    this.lock = lock;
  }

  /** Whether the lock is held. Python: {@code locked()}. */
  public boolean locked() {
    return lock.locked();
  }

  /** Takes the lock; see {@link Lock#acquire()}. Python: {@code acquire()}. */
  public Coroutine<Boolean> acquire() {
    return lock.acquire();
  }

  /** Frees the lock; see {@link Lock#release()}. Python: {@code release()}. */
  public void release() {
    lock.release();
  }

  /**
   * Acquires the underlying lock when a try-with-resources block over it starts in an {@code @Async} method:
   * {@code try (cond) { ... }} is Python's {@code async with cond:}.
   */
  @Override
  public Coroutine<Boolean> asyncEnter() {
    return acquire();
  }

  /** Releases the underlying lock when the block is left, however it is left; lets any exception go on. */
  @Override
  public Coroutine<Boolean> asyncExit(Throwable pending) {
    release();
    return new Done<>(false);
  }

  /**
   * Frees the lock, waits until signalled, takes the lock back, and gives {@code true}. The lock is
   * taken back even if the task is cancelled meanwhile. A wake-up may be spurious: check the state
   * again. Python: {@code wait()}.
   *
   * @throws IllegalStateException (from the await) if the lock is not held
   */
  public Coroutine<Boolean> await() {
    return new Wait();
  }

  /**
   * Waits until {@code predicate} gives a value that is neither {@code null} nor {@code false}, and
   * gives that value (Python's truthiness, so {@code () -> ready} and {@code () -> n >= 3 ? "ready" :
   * null} both work). Python: {@code wait_for(predicate)}.
   */
  public <T> Coroutine<T> waitFor(Supplier<T> predicate) {
    if (predicate == null) {
      throw new NullPointerException("waitFor(null): give a predicate");
    }
    return new WaitFor<>(predicate);
  }

  /** Wakes the longest waiting task, if any. Python: {@code notify()}. */
  public void signal() {
    signal(1);
  }

  /**
   * Wakes up to {@code n} waiting tasks, longest waiting first. They go on once they get the lock,
   * which the caller must release. Python: {@code notify(n)}.
   *
   * @throws IllegalStateException if the lock is not held
   */
  public void signal(int n) {
    if (!locked()) {
      throw new IllegalStateException("cannot notify on un-acquired lock");
    }
    wake(n);
  }

  /** Wakes every waiting task. Python: {@code notify_all()}. */
  public void signalAll() {
    signal(waiters.size());
  }

  private void wake(int n) {
    int woken = 0;
    for (Future<Boolean> waiter : waiters) {
      if (woken >= n) {
        break;
      }
      if (!waiter.done()) {
        woken++;
        waiter.complete(false);
      }
    }
  }

  private static boolean truthy(Object value) {
    return value != null && !Boolean.FALSE.equals(value);
  }

  /** Reads like Python's repr: {@code <Condition [locked, waiters:2]>}. */
  @Override
  public String toString() {
    String extra = locked() ? "locked" : "unlocked";
    if (!waiters.isEmpty()) {
      extra += ", waiters:" + waiters.size();
    }
    return "<Condition [" + extra + "]>";
  }

  private final class Wait extends Procedure<Boolean> {
    private static final int NOTIFIED = 1;
    private static final int REACQUIRING = 2;

    private Future<Boolean> waiter;
    /** What waiting for the signal ended with, if not a signal. */
    private Throwable waitError;
    /** The last cancellation met while taking the lock back. */
    private Throwable reacquireError;

    Wait() {
      super("Condition.await");
    }

    @Override
    Object step(Object value, Throwable error) throws Throwable {
      switch (state) {
        case 0:
          if (!locked()) {
            throw new IllegalStateException("cannot wait on un-acquired lock");
          }
          waiter = new Future<>(bind(this.task.loop));
          release();
          waiters.add(waiter);
          state = NOTIFIED;
          return await(waiter);
        case NOTIFIED:
          waiters.remove(waiter);
          waitError = error;
          state = REACQUIRING;
          return await(lock.acquire());
        case REACQUIRING:
          if (error instanceof CancelledError) {
            // Must take the lock back even if cancelled: keep trying, remember the cancellation.
            reacquireError = error;
            return await(lock.acquire());
          }
          Throwable failure = error != null ? error : reacquireError != null ? reacquireError : waitError;
          if (failure != null) {
            // Maybe we were signalled and will not act on it: pass the signal on.
            wake(1);
            throw failure;
          }
          return Boolean.TRUE;
        default:
          throw new IllegalStateException("asyncj bug: Condition.await in state " + state);
      }
    }
  }

  private final class WaitFor<T> extends Procedure<T> {
    private final Supplier<T> predicate;

    WaitFor(Supplier<T> predicate) {
      super("Condition.waitFor");
      this.predicate = predicate;
    }

    @Override
    Object step(Object value, Throwable error) throws Throwable {
      if (error != null) {
        throw error;
      }
      state = 1;
      T result = predicate.get();
      if (truthy(result)) {
        return result;
      }
      return await(Condition.this.await());
    }
  }
}
