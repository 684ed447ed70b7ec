package dev.asyncj;

/**
 * A deadline for a piece of work that runs in the current task: when it passes, the task is
 * cancelled, the work sees a {@link CancelledError} at its await, and the caller sees a {@link
 * TimeoutError} instead. Made by {@link Asyncio#timeout(double)} or {@link
 * Asyncio#timeoutAt(double)}. Python: {@code asyncio.Timeout}.
 *
 * <p>Python's {@code async with asyncio.timeout(10): await work()} is, in an {@code @Async}
 * method,
 *
 * <pre>{@code
 * try (Timeout deadline = timeout(10)) {  // the deadline starts with the block, ends with it
 *   Await.of(work());
 * }
 * }</pre>
 *
 * <p>(see {@link AsyncCloseable}), or {@code Await.of(timeout(10).run(work()))}, or {@code
 * Await.of(timeout(10, work()))}. The work runs in the current task, as Python's block does, not
 * in a new one (compare {@link Asyncio#waitFor}). Keep the {@code Timeout} in a variable to ask
 * {@link #expired()} afterwards, or to {@link #reschedule} its deadline.
 *
 * <p>Only the cancellation the deadline caused becomes a {@code TimeoutError}: a {@code cancel()}
 * from elsewhere stays a {@code CancelledError} (the task's {@link Task#cancelling()} count tells
 * them apart, as in Python). Timeouts nest: the inner one that expires raises, the outer one goes
 * on.
 */
public final class Timeout implements AsyncCloseable {
  /*
   * Possible state transitions (timeouts._State): CREATED -> ENTERED (run starts) -> EXITED (the
   * work finished in time); ENTERED -> EXPIRING (the deadline cancelled the task) -> EXPIRED (the
   * work finished, and the CancelledError became a TimeoutError).
   */
  private enum State {
    CREATED("created"),
    ENTERED("active"),
    EXPIRING("expiring"),
    EXPIRED("expired"),
    EXITED("finished");

    final String text;

    State(String text) {
      this.text = text;
    }
  }

  private State state = State.CREATED;
  private Double when;
  private Handle handler;
  private Task<?> task;
  private int cancellingOnEntry;

  Timeout(Double when) {
    this.when = when;
  }

  /**
   * The deadline, on the loop's clock ({@link EventLoop#time()}), or {@code null} for none.
   * Python: {@code when()}.
   */
  public Double when() {
    return when;
  }

  /**
   * Moves the deadline to {@code when} on the loop's clock; {@code null} removes it. Only while the
   * work runs. Python: {@code reschedule(when)}.
   *
   * @throws IllegalStateException if the timeout has not started, or has already ended
   */
  public void reschedule(Double when) {
    if (state == State.CREATED) {
      throw new IllegalStateException("Timeout has not been entered");
    }
    if (state != State.ENTERED) {
      throw new IllegalStateException("Cannot change state of " + state.text + " Timeout");
    }
    this.when = when;
    if (handler != null) {
      handler.cancel();
    }
    if (when == null) {
      handler = null;
    } else {
      EventLoop loop = task.loop;
      if (when <= loop.time()) {
        handler = loop.callSoon(this::onTimeout);
      } else {
        handler = loop.callAt(when, this::onTimeout);
      }
    }
  }

  /** {@link #reschedule(Double)} for a number (an {@code int} does not convert to a Double). */
  public void reschedule(double when) {
    reschedule(Double.valueOf(when));
  }

  /** Whether the deadline passed while the work ran. Python: {@code expired()}. */
  public boolean expired() {
    return state == State.EXPIRING || state == State.EXPIRED;
  }

  /**
   * Runs {@code work} in the current task under this deadline and returns its value. Python: the
   * {@code async with} block. A timeout runs one piece of work, once.
   *
   * @throws TimeoutError (from the await) if the deadline passed and the work ended with the
   *     resulting {@link CancelledError}
   */
  public <T> Coroutine<T> run(Awaitable<T> work) {
    if (work == null) {
      throw new NullPointerException("Timeout.run(null): give the work to run");
    }
    return new Scope<>(work);
  }

  /**
   * Starts the deadline: the try-with-resources form of {@code async with timeout(d):} awaits this
   * when its block starts.
   */
  @Override
  public Coroutine<Void> asyncEnter() {
    return new Procedure<>("timeout.enter") {
      @Override
      Object step(Object value, Throwable error) {
        enter(this.task);
        return null;
      }
    };
  }

  /**
   * Stops the deadline when the block is left; if it passed, the resulting {@link CancelledError}
   * becomes a {@link TimeoutError}, thrown by the await.
   */
  @Override
  public Coroutine<Boolean> asyncExit(Throwable pending) {
    return new Procedure<>("timeout.exit") {
      @Override
      Object step(Object value, Throwable error) throws Throwable {
        Throwable thrown = exit(pending);
        if (thrown != pending) {
          throw thrown;
        }
        return false;
      }
    };
  }

  private void enter(Task<?> current) {
    if (state != State.CREATED) {
      throw new IllegalStateException("Timeout has already been entered");
    }
    state = State.ENTERED;
    task = current;
    cancellingOnEntry = current.cancelling();
    reschedule(when);
  }

  /** Python's {@code __aexit__}: returns the exception to throw instead of {@code error}. */
  private Throwable exit(Throwable error) {
    if (handler != null) {
      handler.cancel();
      handler = null;
    }
    if (state == State.EXPIRING) {
      state = State.EXPIRED;
      if (task.uncancel() <= cancellingOnEntry && error instanceof CancelledError) {
        // No other cancel request came meanwhile: this cancellation is ours.
        return new TimeoutError(null, error);
      }
    } else if (state == State.ENTERED) {
      state = State.EXITED;
    }
    return error;
  }

  private void onTimeout() {
    task.cancelFuture(null);
    state = State.EXPIRING;
    handler = null;
  }

  /** Reads like Python's repr: {@code <Timeout [active] when=10.0>} (when rounded to 3 places). */
  @Override
  public String toString() {
    String info = "";
    if (state == State.ENTERED) {
      info = " when=" + (when == null ? "None" : Double.toString(Math.round(when * 1000) / 1000.0));
    }
    return "<Timeout [" + state.text + "]" + info + ">";
  }

  /** The coroutine {@link #run} returns: enter, await the work, exit. */
  private final class Scope<T> extends Procedure<T> {
    private final Awaitable<T> work;

    Scope(Awaitable<T> work) {
      super("timeout");
      this.work = work;
    }

    @Override
    Object step(Object value, Throwable error) throws Throwable {
      if (state == 0) {
        enter(this.task); // the task running this coroutine
        state = 1;
        return await(work);
      }
      Throwable thrown = exit(error);
      if (thrown != null) {
        throw thrown;
      }
      return value;
    }
  }
}
