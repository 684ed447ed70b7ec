package dev.asyncj;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * What {@link Asyncio#asCompleted} returns: as many coroutines as there are awaitables; awaiting
 * the n-th gives the value of the n-th to finish (or throws its exception, or {@link TimeoutError}
 * once the deadline has passed). Python: the iterator {@code asyncio.as_completed} returns.
 *
 * @param <T> the type of the values
 */
final class AsCompleted<T> implements Iterable<Coroutine<T>>, Iterator<Coroutine<T>> {
  /** Finished futures in completion order; {@code null} for each one the deadline cut off. */
  private final Queue<Future<? extends T>> finished = new Queue<>();
  private final Set<Future<? extends T>> todo = new LinkedHashSet<>();
  private final Future.Listener onCompletion = this::onCompletion;
  private TimerHandle timeoutHandle;
  private int remaining;

  AsCompleted(EventLoop loop, Collection<? extends Awaitable<? extends T>> awaitables, Double timeout) {
    for (Awaitable<? extends T> awaitable : new LinkedHashSet<>(awaitables)) {
      if (awaitable == null) {
        throw new NullPointerException("asCompleted(): an awaitable in the collection is null");
      }
      todo.add(Asyncio.ensureFuture(loop, awaitable));
    }
    for (Future<? extends T> future : todo) {
      future.addListener(onCompletion);
    }
    if (!todo.isEmpty() && timeout != null) {
      timeoutHandle = loop.callLater(timeout, this::onTimeout);
    }
    remaining = todo.size();
  }

  @Override
  public Iterator<Coroutine<T>> iterator() {
    return this;
  }

  @Override
  public boolean hasNext() {
    return remaining > 0;
  }

  @Override
  public Coroutine<T> next() {
    if (remaining == 0) {
      throw new NoSuchElementException("asCompleted(): every awaitable has been handed out");
    }
    remaining--;
    return new WaitForOne();
  }

  private void onTimeout() {
    for (Future<? extends T> future : todo) {
      future.removeListener(onCompletion);
      finished.putNowait(null);
    }
    todo.clear();
  }

  @SuppressWarnings("unchecked") // only the futures in todo are listened to
  private void onCompletion(Future<?> future) {
    if (todo.isEmpty()) {
      return; // the deadline came first
    }
    todo.remove(future);
    finished.putNowait((Future<? extends T>) future);
    if (todo.isEmpty() && timeoutHandle != null) {
      timeoutHandle.cancel();
    }
  }

  private final class WaitForOne extends Procedure<T> {
    WaitForOne() {
      super("as_completed._wait_for_one");
    }

    @Override
    Object step(Object value, Throwable error) throws Throwable {
      if (state == 0) {
        state = 1;
        return await(finished.get());
      }
      if (error != null) {
        throw error;
      }
      Future<?> future = (Future<?>) value;
      if (future == null) {
        throw new TimeoutError();
      }
      return future.result();
    }
  }
}
