package dev.asyncj;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The future {@link Asyncio#gather} returns: done when all its children are, with their results in
 * the order they were given. Python: {@code tasks._GatheringFuture} with {@code gather}'s {@code
 * _done_callback}.
 *
 * <p>Without {@code returnExceptions}, the first child to fail makes this future fail with the
 * same exception at once; the other children keep running. With it, exceptions take the place of
 * results in the list. Cancelling this future cancels every child that is not done.
 */
final class Gathering<T> extends Future<List<T>> implements Future.Listener {
  private final Future<?>[] children;
  private final boolean returnExceptions;
  private int finished;
  private int distinct;
  private boolean cancelRequested;

  private Gathering(EventLoop loop, Future<?>[] children, boolean returnExceptions) {
    super(loop);
    this.children = children;
    this.returnExceptions = returnExceptions;
  }

  /** Starts gathering {@code awaitables} (coroutines become tasks) on {@code loop}. */
  static <T> Gathering<T> start(
      EventLoop loop, List<? extends Awaitable<?>> awaitables, boolean returnExceptions) {
    Future<?>[] children = new Future<?>[awaitables.size()];
    // The same awaitable given twice is run once and fills both places, as in Python.
    Map<Awaitable<?>, Future<?>> seen = new IdentityHashMap<>();
    for (int i = 0; i < children.length; i++) {
      Awaitable<?> awaitable = awaitables.get(i);
      if (awaitable == null) {
        throw new NullPointerException("gather(): argument " + (i + 1) + " is null");
      }
      Future<?> child = seen.get(awaitable);
      if (child == null) {
        child = toFuture(loop, awaitable);
        seen.put(awaitable, child);
      }
      children[i] = child;
    }
    Gathering<T> outer = new Gathering<>(loop, children, returnExceptions);
    outer.distinct = seen.size();
    if (children.length == 0) {
      outer.complete(List.of());
    }
    for (Future<?> child : seen.values()) {
      child.addListener(outer);
    }
    return outer;
  }

  private static Future<?> toFuture(EventLoop loop, Awaitable<?> awaitable) {
    if (awaitable instanceof Coroutine<?> coroutine) {
      return loop.createTask(coroutine);
    }
    Future<?> future = (Future<?>) awaitable;
    if (future.loop != loop) {
      throw new IllegalArgumentException("gather(): " + future + " belongs to another event loop");
    }
    return future;
  }

  @Override
  public void futureDone(Future<?> child) {
    finished++;
    if (done()) {
      child.markRetrieved(); // a later failure is swallowed, as in Python
      return;
    }
    if (!returnExceptions) {
      if (child.cancelled()) {
        fail(child.newCancelledError());
        return;
      }
      if (child.rawException() != null) {
        child.markRetrieved();
        fail(child.rawException());
        return;
      }
    }
    if (finished < distinct) {
      return;
    }
    List<Object> results = new ArrayList<>(children.length);
    for (Future<?> each : children) {
      if (each.cancelled()) {
        results.add(each.newCancelledError());
      } else if (each.rawException() != null) {
        each.markRetrieved();
        results.add(each.rawException());
      } else {
        results.add(each.rawResult());
      }
    }
    if (cancelRequested) {
      // Children were cancelled through this future: it ends cancelled, as in Python (3.11 sets a
      // CancelledError as its exception instead; awaiting it raises the same).
      cancelSelf(null);
      return;
    }
    @SuppressWarnings("unchecked") // T is Object when exceptions take the place of results
    List<T> typed = (List<T>) Collections.unmodifiableList(results);
    complete(typed);
  }

  /** Cancels every child that is not done yet. Python: {@code _GatheringFuture.cancel()}. */
  @Override
  boolean cancelFuture(String message) {
    if (done()) {
      return false;
    }
    boolean any = false;
    for (Future<?> child : children) {
      if (child.cancelFuture(message)) {
        any = true;
      }
    }
    if (any) {
      cancelRequested = true;
    }
    return any;
  }

  @Override
  public String toString() {
    return "<_GatheringFuture " + stateName() + outcome() + " children=" + children.length + ">";
  }
}
