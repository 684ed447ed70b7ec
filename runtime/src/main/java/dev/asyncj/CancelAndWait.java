package dev.asyncj;

/**
 * Cancels a future and waits until it is done, without awaiting it directly, so that this wait can
 * itself be cancelled. Python: {@code tasks._cancel_and_wait}.
 */
final class CancelAndWait extends Procedure<Void> {
  private final Future<?> future;
  private Future<Void> waiter;
  private Future.Listener release;

  CancelAndWait(Future<?> future) {
    super("_cancel_and_wait");
    this.future = future;
  }

  @Override
  Object step(Object value, Throwable error) throws Throwable {
    if (state == 0) {
      state = 1;
      waiter = new Future<>(future.loop);
      release = done -> waiter.completeIfPending(null);
      future.addListener(release);
      future.cancelFuture(null);
      return await(waiter);
    }
    future.removeListener(release);
    if (error != null) {
      throw error;
    }
    return null;
  }
}
