package dev.asyncj;

/**
 * {@link Asyncio#run}: a new loop, the main coroutine run to completion, the leftovers cancelled, the
 * loop closed. Python: {@code asyncio.runners}.
 */
final class Runner {
  private Runner() {}

  static <T> T run(Coroutine<T> main, boolean debug) {
    if (main == null) {
      throw new IllegalArgumentException("a coroutine was expected, got null");
    }
    if (EventLoop.runningOrNull() != null) {
      throw new IllegalStateException(
          "Asyncio.run() cannot be called from a running event loop; await the coroutine instead");
    }
    EventLoop loop = EventLoop.withRealClock();
    loop.setDebug(debug);
    try {
      return loop.runUntilComplete(main);
    } finally {
      try {
        cancelRemainingTasks(loop);
      } finally {
        loop.close();
      }
    }
  }

  /** Cancels the tasks still pending and runs the loop until they finish. */
  static void cancelRemainingTasks(EventLoop loop) {
    var pending = loop.pendingTasks();
    if (pending.isEmpty()) {
      return;
    }
    for (Task<?> task : pending) {
      task.cancel();
    }
    loop.runUntilComplete(Gathering.start(loop, pending, /* returnExceptions= */ true));
    for (Task<?> task : pending) {
      if (!task.cancelled() && task.rawException() != null) {
        loop.callExceptionHandler(
            "unhandled exception during Asyncio.run() shutdown: " + task, task.rawException());
      }
    }
  }
}
