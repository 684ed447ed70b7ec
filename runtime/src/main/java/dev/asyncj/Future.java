package dev.asyncj;

import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A result that will be set later, on one event loop. Python: {@code asyncio.Future}.
 *
 * <p>A future is pending until {@link #setResult}, {@link #setException} or {@link #cancel()} makes
 * it done; then its done callbacks are scheduled on the loop (never run inline), in the order they
 * were added, and every coroutine awaiting it is resumed. Like asyncio's, this class is not thread
 * safe: use it on its loop's thread (the methods that change it check that, while the loop runs),
 * and reach it from other threads with {@link EventLoop#callSoonThreadsafe}. Non-async Java code
 * can wait for it through {@link #toCompletableFuture()}.
 *
 * <p>An exception set on a future must be looked at ({@link #result()}, {@link #exception()}, an
 * await, {@link Asyncio#gather gather}...): if nobody does, the loop reports {@code Future exception
 * was never retrieved} ({@code Task exception was never retrieved} for a task) through its {@link
 * EventLoop#callExceptionHandler exception handler}, when the future is garbage-collected or, at the
 * latest, when the loop closes.
 *
 * <p>The name is asyncio's; it is not {@link java.util.concurrent.Future}. Import it by its single
 * name ({@code import dev.asyncj.Future;}) where both are in use.
 *
 * @param <T> the type of the result
 */
public non-sealed class Future<T> implements Awaitable<T> {
  /*
   * Possible state transitions: PENDING -> FINISHED (setResult), PENDING -> FAILED
   * (setException), PENDING -> CANCELLED (cancel). One field, 'result', holds what the state says:
   * the value (FINISHED), the exception (FAILED) or the cancel message (CANCELLED), which keeps a
   * million tasks smaller. Python's repr says "finished" for FAILED too.
   *
   * 'callbacks' holds, while pending: null, one callback, or a CallbackList. Callbacks are Tasks
   * waiting in Await.of (woken through the ready queue without allocating), internal Listeners
   * (told through the ready queue without allocating either) or user Consumers (scheduled as
   * Handles). Once done, the field is
   * free, and holds the Unretrieved record of an exception nobody has looked at yet (null once it
   * was): the never-retrieved bookkeeping costs no field.
   */
  static final byte PENDING = 0;
  static final byte FINISHED = 1;
  static final byte CANCELLED = 2;
  static final byte FAILED = 3;

  final EventLoop loop;
  byte futureState = PENDING;
  /** The value, the exception or the cancel message, as futureState says. */
  private Object result;
  /** While pending: the callbacks. Once done: an {@link Unretrieved} record, or null. */
  private Object callbacks;

  /** Creates a pending future on the running loop. Python: {@code loop.create_future()}. */
  public Future() {
    this(EventLoop.running("Future()"));
  }

  Future(EventLoop loop) {
    this.loop = loop;
  }

  /** The loop this future belongs to. Python: {@code get_loop()}. */
  public EventLoop getLoop() {
    return loop;
  }

  /** Whether the future has a result, an exception, or was cancelled. Python: {@code done()}. */
  public boolean done() {
    return futureState != PENDING;
  }

  /** Whether the future was cancelled. Python: {@code cancelled()}. */
  public boolean cancelled() {
    return futureState == CANCELLED;
  }

  /**
   * Returns the result, or throws the exception the future was given (unchanged, even a checked
   * one). Python: {@code result()}.
   *
   * @throws CancelledError if the future was cancelled
   * @throws InvalidStateError if the future is not done yet
   */
  public T result() {
    switch (futureState) {
      case CANCELLED:
        throw newCancelledError();
      case FAILED:
        markRetrieved();
        throw Exceptions.sneakyThrow((Throwable) result);
      case FINISHED:
        @SuppressWarnings("unchecked") // set only through setResult(T)
        T value = (T) result;
        return value;
      default:
        throw new InvalidStateError("Result is not set.");
    }
  }

  /**
   * Returns the exception the future was given, or {@code null} if it has a result. Python: {@code
   * exception()}.
   *
   * @throws CancelledError if the future was cancelled
   * @throws InvalidStateError if the future is not done yet
   */
  public Throwable exception() {
    switch (futureState) {
      case CANCELLED:
        throw newCancelledError();
      case FAILED:
        markRetrieved();
        return (Throwable) result;
      case FINISHED:
        return null;
      default:
        throw new InvalidStateError("Exception is not set.");
    }
  }

  /**
   * Marks the future done with {@code value} and schedules its callbacks. Python: {@code
   * set_result()}.
   *
   * @throws InvalidStateError if the future is already done
   * @throws IllegalStateException if called from another thread than the running loop's
   */
  public void setResult(T value) {
    loop.checkThread("Future.setResult");
    complete(value);
  }

  /**
   * Marks the future done with {@code exception} and schedules its callbacks. Python: {@code
   * set_exception()}.
   *
   * @throws InvalidStateError if the future is already done
   * @throws IllegalStateException if called from another thread than the running loop's
   */
  public void setException(Throwable exception) {
    if (exception == null) {
      throw new NullPointerException("setException(null): give the exception the future failed with");
    }
    loop.checkThread("Future.setException");
    fail(exception);
  }

  /**
   * Cancels the future if it is pending and schedules its callbacks. Python: {@code cancel()}.
   *
   * @return {@code false} if the future was already done
   */
  public boolean cancel() {
    return cancel(null);
  }

  /**
   * Cancels the future with a message that the {@link CancelledError} will carry. Python: {@code
   * cancel(msg)}.
   *
   * @return {@code false} if the future was already done
   * @throws IllegalStateException if called from another thread than the running loop's
   */
  public boolean cancel(String message) {
    loop.checkThread("Future.cancel");
    return cancelFuture(message);
  }

  /**
   * Adds a callback to run, on the loop, once the future is done; it receives the future. If the
   * future is already done, the callback is scheduled right away (still not run inline). Python:
   * {@code add_done_callback()}.
   */
  public void addDoneCallback(Consumer<? super Future<T>> callback) {
    if (callback == null) {
      throw new NullPointerException("addDoneCallback(null)");
    }
    loop.checkThread("Future.addDoneCallback");
    if (futureState != PENDING) {
      schedule(callback);
    } else {
      addCallback(callback);
    }
  }

  /**
   * Removes every registration of {@code callback}. Python: {@code remove_done_callback()}.
   *
   * @return how many were removed
   */
  public int removeDoneCallback(Consumer<? super Future<T>> callback) {
    return removeCallback(callback);
  }

  /**
   * A {@link CompletableFuture} completed (from the loop's thread) as this future is: with its
   * result, its exception (unchanged), or a {@link CancelledError} (so {@code isCancelled()} is
   * true). Cancelling the {@code CompletableFuture} cancels this future, from any thread. For Java
   * code that is not async: {@code task.toCompletableFuture().join()} on another thread waits for a
   * task. May be called from any thread. Each call makes a new {@code CompletableFuture}; the
   * exception, handed over to it, counts as retrieved.
   */
  public CompletableFuture<T> toCompletableFuture() {
    CompletableFuture<T> bridge = new CompletableFuture<>();
    if (loop.isOnLoopThreadOrIdle()) {
      linkTo(bridge);
    } else {
      loop.callSoonThreadsafe(() -> linkTo(bridge));
    }
    return bridge;
  }

  /**
   * Completes {@code bridge} as this future ends, and cancels this future if {@code bridge} is
   * cancelled (from any thread). On the loop's thread.
   */
  final void linkTo(CompletableFuture<T> bridge) {
    bridge.whenComplete(
        (value, error) -> {
          if (bridge.isCancelled() && !(error instanceof CancelledError)) {
            loop.callSoonThreadsafeIfOpen(() -> cancelFuture(null));
          }
        });
    addListener(done -> copyTo(bridge));
  }

  private void copyTo(CompletableFuture<T> bridge) {
    switch (futureState) {
      case CANCELLED:
        bridge.completeExceptionally(newCancelledError());
        break;
      case FAILED:
        markRetrieved();
        bridge.completeExceptionally((Throwable) result);
        break;
      case FINISHED:
        @SuppressWarnings("unchecked") // set only through setResult(T)
        T value = (T) result;
        bridge.complete(value);
        break;
      default:
        throw new AssertionError("copyTo on a pending future");
    }
  }

  // ---- completion, without the thread check (for the runtime's own use)

  /** {@link #setResult} without the thread check. */
  final void complete(T value) {
    if (futureState != PENDING) {
      throw new InvalidStateError("invalid state: " + this + " is already done");
    }
    result = value;
    futureState = FINISHED;
    scheduleCallbacks();
  }

  /** {@link #setException} without the thread check. */
  final void fail(Throwable exception) {
    if (futureState != PENDING) {
      throw new InvalidStateError("invalid state: " + this + " is already done");
    }
    result = exception;
    futureState = FAILED;
    scheduleCallbacks();
    callbacks = loop.trackUnretrieved(this, exception);
  }

  /**
   * {@link #cancel(String)} without the thread check. Tasks and gathering futures override it to
   * cancel what they wait for.
   */
  boolean cancelFuture(String message) {
    return cancelSelf(message);
  }

  /** Marks this future cancelled, whatever the subclass does on cancel(). */
  final boolean cancelSelf(String message) {
    if (futureState != PENDING) {
      return false;
    }
    futureState = CANCELLED;
    result = message;
    scheduleCallbacks();
    return true;
  }

  /** Sets the result unless the future is already done (cancelled, typically). */
  final void completeIfPending(T value) {
    if (futureState == PENDING) {
      complete(value);
    }
  }

  /** Sets the exception unless the future is already done (cancelled, typically). */
  final void failIfPending(Throwable error) {
    if (futureState == PENDING) {
      fail(error);
    }
  }

  /**
   * Says that someone looked at the exception: it will not be reported as never retrieved. Python:
   * clearing {@code __log_traceback}.
   */
  final void markRetrieved() {
    if (callbacks instanceof Unretrieved record) {
      callbacks = null;
      loop.retrieved(record);
    }
  }

  // ---- callbacks

  /** Registers a task to be woken when this future is done. */
  final void addWaiter(Task<?> waiter) {
    addCallback(waiter);
  }

  /** Unregisters a task that no longer waits (it was cancelled). */
  final void removeWaiter(Task<?> waiter) {
    removeCallback(waiter);
  }

  /** Registers an internal listener, told (on the loop) when this future is done. */
  final void addListener(Listener listener) {
    if (futureState != PENDING) {
      loop.tellSoon(listener, this);
    } else {
      addCallback(listener);
    }
  }

  /** Unregisters an internal listener; nothing happens if it is not registered. */
  final void removeListener(Listener listener) {
    removeCallback(listener);
  }

  /** Whether {@code callback} is the callback added last to this pending future (by identity). */
  final boolean hasLastCallback(Object callback) {
    Object current = callbacks;
    if (current instanceof CallbackList list) {
      return !list.isEmpty() && list.get(list.size() - 1) == callback;
    }
    return current == callback && callback != null;
  }

  private void addCallback(Object callback) {
    Object current = callbacks;
    if (current == null) {
      callbacks = callback;
    } else if (current instanceof CallbackList list) {
      list.add(callback);
    } else {
      CallbackList list = new CallbackList();
      list.add(current);
      list.add(callback);
      callbacks = list;
    }
  }

  /** Removes every registration of {@code callback} (by identity); returns how many. */
  private int removeCallback(Object callback) {
    if (futureState != PENDING) {
      return 0;
    }
    if (callbacks == callback) {
      callbacks = null;
      return 1;
    }
    if (callbacks instanceof CallbackList list) {
      int before = list.size();
      list.removeIf(c -> c == callback);
      return before - list.size();
    }
    return 0;
  }

  private void scheduleCallbacks() {
    Object current = callbacks;
    callbacks = null;
    if (current == null) {
      return;
    }
    if (current instanceof CallbackList list) {
      for (Object callback : list) {
        schedule(callback);
      }
    } else {
      schedule(current);
    }
  }

  @SuppressWarnings("unchecked") // Consumers are only added through addDoneCallback
  private void schedule(Object callback) {
    if (callback instanceof Task<?> waiter) {
      loop.wake(waiter);
    } else if (callback instanceof Listener listener) {
      loop.tellSoon(listener, this);
    } else {
      Consumer<? super Future<T>> consumer = (Consumer<? super Future<T>>) callback;
      loop.callSoonInternal(new Handle(() -> consumer.accept(this)));
    }
  }

  /**
   * While pending, the result slot is free: a Task keeps there the future it awaits (a million
   * tasks are 8 bytes smaller for it). Nothing in Future reads the slot before the future is done,
   * and completing it overwrites the slot.
   */
  final Object pendingSlot() {
    return futureState == PENDING ? result : null;
  }

  /** Sets the slot {@link #pendingSlot()} reads; on a pending future only. */
  final void setPendingSlot(Object value) {
    if (futureState != PENDING) {
      throw new AssertionError("setPendingSlot on a done future: " + this);
    }
    result = value;
  }

  /** The value of a finished future, without the checks of {@link #result()}. */
  final Object rawResult() {
    return futureState == FINISHED ? result : null;
  }

  /** The exception of a finished future, without the checks of {@link #exception()}. */
  final Throwable rawException() {
    return futureState == FAILED ? (Throwable) result : null;
  }

  /** The message given to {@code cancel(message)}, or null. */
  final String cancelMessage() {
    return futureState == CANCELLED ? (String) result : null;
  }

  final CancelledError newCancelledError() {
    return new CancelledError(cancelMessage());
  }

  /**
   * Reads like Python's repr: {@code <Future pending>}, {@code <Future finished result=42>},
   * {@code <Future cancelled>}, {@code <Future finished exception=java.io.IOException: disk>}.
   */
  @Override
  public String toString() {
    return "<Future " + stateName() + outcome() + ">";
  }

  /** {@code pending}, {@code finished} or {@code cancelled}, as Python's repr says it. */
  String stateName() {
    switch (futureState) {
      case CANCELLED:
        return "cancelled";
      case FINISHED:
      case FAILED:
        return "finished";
      default:
        return "pending";
    }
  }

  /** {@code " result=..."} or {@code " exception=..."} once finished, else nothing. */
  final String outcome() {
    switch (futureState) {
      case FINISHED:
        return " result=" + Repr.of(result);
      case FAILED:
        return " exception=" + result;
      default:
        return "";
    }
  }

  /** An internal observer of a future (gather, run_until_complete), told on the loop. */
  interface Listener {
    void futureDone(Future<?> future);
  }

  /** Marks the list of several callbacks apart from a single callback that is a list. */
  private static final class CallbackList extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;
  }
}
