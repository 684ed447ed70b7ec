package dev.asyncj;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The coroutine {@link Asyncio#wait Asyncio.wait} returns: Python's {@code asyncio.wait}. It never
 * cancels the futures, and a timeout does not raise: it only decides when to return.
 *
 * @param <F> the type of the futures
 */
final class Waiting<F extends Future<?>> extends Procedure<DoneAndPending<F>> {
  private final Collection<F> given;
  private final Double timeout;
  private final ReturnWhen returnWhen;
  private List<F> futures;
  private Future<Void> waiter;
  private TimerHandle timeoutHandle;
  private int counter;
  private final Future.Listener onCompletion = this::onCompletion;

  Waiting(Collection<F> futures, Double timeout, ReturnWhen returnWhen) {
    super("wait");
    this.given = futures;
    this.timeout = timeout;
    this.returnWhen = returnWhen;
  }

  @Override
  Object step(Object value, Throwable error) throws Throwable {
    if (state == 0) {
      state = 1;
      return start();
    }
    if (timeoutHandle != null) {
      timeoutHandle.cancel();
    }
    for (F future : futures) {
      future.removeListener(onCompletion);
    }
    if (error != null) {
      throw error;
    }
    Set<F> done = new LinkedHashSet<>();
    Set<F> pending = new LinkedHashSet<>();
    for (F future : futures) {
      (future.done() ? done : pending).add(future);
    }
    return new DoneAndPending<>(done, pending);
  }

  private Object start() {
    if (given == null || given.isEmpty()) {
      throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
    }
    if (returnWhen == null) {
      throw new IllegalArgumentException("Invalid return_when value: null");
    }
    EventLoop loop = this.task.loop;
    futures = new ArrayList<>(new LinkedHashSet<>(given));
    for (Object future : futures) {
      if (future instanceof Coroutine<?>) {
        throw new IllegalArgumentException("Passing coroutines is forbidden, use tasks explicitly.");
      }
      if (future == null) {
        throw new NullPointerException("wait(): a future in the collection is null");
      }
      if (((Future<?>) future).loop != loop) {
        throw new IllegalArgumentException("wait(): " + future + " belongs to another event loop");
      }
    }
    waiter = new Future<>(loop);
    if (timeout != null) {
      timeoutHandle = loop.callLater(timeout, () -> waiter.completeIfPending(null));
    }
    counter = futures.size();
    for (F future : futures) {
      future.addListener(onCompletion);
    }
    return await(waiter);
  }

  private void onCompletion(Future<?> future) {
    counter--;
    boolean failed = false;
    if (returnWhen == ReturnWhen.FIRST_EXCEPTION && !future.cancelled()) {
      future.markRetrieved(); // Python reads f.exception() here
      failed = future.rawException() != null;
    }
    if (counter <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED || failed) {
      if (timeoutHandle != null) {
        timeoutHandle.cancel();
      }
      waiter.completeIfPending(null);
    }
  }
}
