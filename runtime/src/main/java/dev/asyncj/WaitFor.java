package dev.asyncj;

/**
 * The coroutine {@link Asyncio#waitFor} returns: Python 3.11's {@code asyncio.wait_for}. The
 * awaitable runs in a task of its own (a coroutine is wrapped); when the deadline passes, that task
 * is cancelled and waited for, and then {@link TimeoutError} is thrown, so that no work goes on
 * after {@code waitFor} returns.
 *
 * @param <T> the type of the value
 */
final class WaitFor<T> extends Procedure<T> {
  private static final int DIRECT = 1;
  private static final int CANCELLED_AT_ONCE = 2;
  private static final int WAITING = 3;
  private static final int CANCELLING_AFTER_CANCEL = 4;
  private static final int CANCELLING_AFTER_TIMEOUT = 5;

  private final Awaitable<T> awaitable;
  private final Double timeout;
  private Future<T> future;
  private Future<Void> waiter;
  private TimerHandle timeoutHandle;
  private Future.Listener releaseWaiter;
  private Throwable cancellation;

  WaitFor(Awaitable<T> awaitable, Double timeout) {
    super("wait_for");
    this.awaitable = awaitable;
    this.timeout = timeout;
  }

  @Override
  Object step(Object value, Throwable error) throws Throwable {
    switch (state) {
      case 0:
        return start();
      case DIRECT:
        if (error != null) {
          throw error;
        }
        return value;
      case CANCELLED_AT_ONCE:
        if (error != null) {
          throw error;
        }
        return resultOrTimeout();
      case WAITING:
        if (error != null) {
          if (!(error instanceof CancelledError)) {
            timeoutHandle.cancel();
            throw error;
          }
          // The task running wait_for was cancelled.
          if (future.done()) {
            timeoutHandle.cancel();
            return future.result();
          }
          future.removeListener(releaseWaiter);
          cancellation = error;
          state = CANCELLING_AFTER_CANCEL;
          return await(new CancelAndWait(future));
        }
        if (future.done()) {
          timeoutHandle.cancel();
          return future.result();
        }
        // The deadline passed: stop the work, and wait until it has stopped.
        future.removeListener(releaseWaiter);
        state = CANCELLING_AFTER_TIMEOUT;
        return await(new CancelAndWait(future));
      case CANCELLING_AFTER_CANCEL:
        timeoutHandle.cancel();
        throw error != null ? error : cancellation;
      case CANCELLING_AFTER_TIMEOUT:
        timeoutHandle.cancel();
        if (error != null) {
          throw error;
        }
        return resultOrTimeout();
      default:
        throw new IllegalStateException("asyncj bug: wait_for in state " + state);
    }
  }

  private Object start() {
    EventLoop loop = this.task.loop;
    if (timeout == null) {
      state = DIRECT;
      return await(awaitable);
    }
    if (timeout <= 0) {
      future = Asyncio.ensureFuture(loop, awaitable);
      if (future.done()) {
        return future.result();
      }
      state = CANCELLED_AT_ONCE;
      return await(new CancelAndWait(future));
    }
    Future<Void> released = new Future<>(loop);
    waiter = released;
    releaseWaiter = done -> released.completeIfPending(null);
    timeoutHandle = loop.callLater(timeout, () -> released.completeIfPending(null));
    future = Asyncio.ensureFuture(loop, awaitable);
    future.addListener(releaseWaiter);
    state = WAITING;
    return await(waiter);
  }

  /** The result of the stopped work; its cancellation becomes the timeout. */
  private Object resultOrTimeout() {
    try {
      return future.result();
    } catch (CancelledError cancelled) {
      throw new TimeoutError(null, cancelled);
    }
  }
}
