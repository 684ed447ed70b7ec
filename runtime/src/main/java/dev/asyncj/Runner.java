package dev.asyncj;

import java.util.List;
import java.util.function.Supplier;

/**
 * An event loop that runs one or more main coroutines, one after the other, then cancels what is
 * left and closes: {@link Asyncio#run} in parts. Python: {@code asyncio.Runner} (3.11).
 *
 * <pre>{@code
 * try (Runner runner = new Runner(EventLoop::withVirtualClock)) {   // with asyncio.Runner() as r:
 *   runner.run(first());                                           //     r.run(first())
 *   runner.run(second());                                          //     r.run(second())
 * }
 * }</pre>
 *
 * <p>Each {@link #run} works like {@code Asyncio.run} except that the loop stays open between
 * runs, with the tasks left by one run still scheduled for the next. {@link #close()} cancels the
 * tasks still pending and waits for them (their {@code finally} blocks run), reports any of them
 * that failed while being cancelled, shuts down the default executor, and closes the loop. With a
 * loop factory, tests run a main coroutine on {@link EventLoop#withVirtualClock()} with exactly
 * these semantics.
 */
public final class Runner implements AutoCloseable {
  /*
   * Possible state transitions (runners._State): CREATED -> INITIALIZED (first run or getLoop) ->
   * CLOSED (close). close() in CREATED does nothing.
   */
  private enum State {
    CREATED,
    INITIALIZED,
    CLOSED
  }

  private final Boolean debug;
  private final Supplier<EventLoop> loopFactory;
  private EventLoop loop;
  private State state = State.CREATED;

  /** A runner on a new loop with the real clock. Python: {@code asyncio.Runner()}. */
  public Runner() {
    this(null, null);
  }

  /**
   * A runner with debug mode on or off; {@code null} leaves the loop's default. Python: {@code
   * asyncio.Runner(debug=...)}.
   */
  public Runner(Boolean debug) {
    this(debug, null);
  }

  /**
   * A runner on the loop {@code loopFactory} makes, such as {@code EventLoop::withVirtualClock}.
   * Python: {@code asyncio.Runner(loop_factory=...)}.
   */
  public Runner(Supplier<EventLoop> loopFactory) {
    this(null, loopFactory);
  }

  /** A runner with both options; either may be null. */
  public Runner(Boolean debug, Supplier<EventLoop> loopFactory) {
    this.debug = debug;
    this.loopFactory = loopFactory;
  }

  /**
   * Runs {@code main} on the runner's loop until it finishes and returns its value or throws its
   * exception, unchanged. Python: {@code Runner.run(coro)}.
   *
   * @throws IllegalArgumentException if {@code main} is null
   * @throws IllegalStateException if a loop is running on this thread, or the runner is closed
   */
  public <T> T run(Coroutine<T> main) {
    if (main == null) {
      throw new IllegalArgumentException("a coroutine was expected, got null");
    }
    if (EventLoop.runningOrNull() != null) {
      throw new IllegalStateException("Runner.run() cannot be called from a running event loop");
    }
    lazyInit();
    Task<T> task = loop.createTask(main);
    return loop.runUntilComplete(task);
  }

  /** The runner's loop, made if needed. Python: {@code Runner.get_loop()}. */
  public EventLoop getLoop() {
    lazyInit();
    return loop;
  }

  /**
   * Cancels the tasks still pending and runs the loop until they are done, shuts down the default
   * executor, and closes the loop. Does nothing if the runner never made its loop or is closed.
   * Python: {@code Runner.close()}.
   */
  @Override
  public void close() {
    if (state != State.INITIALIZED) {
      return;
    }
    try {
      cancelAllTasks(loop);
      loop.runUntilComplete(loop.shutdownDefaultExecutor());
    } finally {
      loop.close();
      loop = null;
      state = State.CLOSED;
    }
  }

  private void lazyInit() {
    if (state == State.CLOSED) {
      throw new IllegalStateException("Runner is closed");
    }
    if (state == State.INITIALIZED) {
      return;
    }
    EventLoop made = loopFactory == null ? EventLoop.withRealClock() : loopFactory.get();
    if (made == null || made.isClosed()) {
      throw new IllegalStateException("the loop factory of Runner gave " + made
          + "; it must make a new, open EventLoop");
    }
    if (debug != null) {
      made.setDebug(debug);
    }
    loop = made;
    state = State.INITIALIZED;
  }

  /**
   * Cancels the tasks still pending, runs the loop until they finish, and reports those that
   * failed instead. Python: {@code runners._cancel_all_tasks}.
   */
  static void cancelAllTasks(EventLoop loop) {
    List<Task<?>> pending = List.copyOf(loop.allTasks());
    if (pending.isEmpty()) {
      return;
    }
    for (Task<?> task : pending) {
      task.cancel();
    }
    loop.runUntilComplete(Gathering.start(loop, pending, /* returnExceptions= */ true));
    for (Task<?> task : pending) {
      if (task.cancelled()) {
        continue;
      }
      Throwable error = task.exception();
      if (error != null) {
        loop.callExceptionHandler(
            "unhandled exception during Asyncio.run() shutdown", error, "task", task);
      }
    }
  }

  @Override
  public String toString() {
    return "<Runner " + state.name().toLowerCase(java.util.Locale.ROOT) + " loop=" + loop + ">";
  }
}
