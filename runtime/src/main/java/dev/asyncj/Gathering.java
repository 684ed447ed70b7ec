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
  /** An argument was refused: gather() threw, and the children taken so far are not gathered. */
  private boolean abandoned;

  private Gathering(EventLoop loop, Future<?>[] children, boolean returnExceptions) {
    super(loop);
    this.children = children;
    this.returnExceptions = returnExceptions;
  }

  /** Starts gathering {@code awaitables} (coroutines become tasks) on {@code loop}. */
  static <T> Gathering<T> start(
      EventLoop loop, List<? extends Awaitable<?>> awaitables, boolean returnExceptions) {
    /*
     * The same awaitable given twice is run once and fills both places, as in Python, whose
     * gather keeps a dict from argument to future. A hash map of a million arguments is most of
     * the cost of gathering them (identity hashes, resizes, cache misses), so duplicates are found
     * without one where that is certain, which is nearly always:
     *   - a coroutine that has not started cannot have been seen: it becomes a new task;
     *   - a pending future was seen before in this call exactly when this gathering is its last
     *     callback (the gathering adds itself to each new child at once, as Python adds its done
     *     callback, and nothing else can add a callback to it meanwhile: no user code runs here).
     * Only an argument that is neither (a done future, a coroutine that has started) needs the
     * map, which is then built from the arguments seen so far.
     */
    Future<?>[] children = new Future<?>[awaitables.size()];
    Gathering<T> outer = new Gathering<>(loop, children, returnExceptions);
    Map<Awaitable<?>, Future<?>> seen = null;
    try {
      for (int i = 0; i < children.length; i++) {
        Awaitable<?> awaitable = awaitables.get(i);
        if (awaitable == null) {
          throw new NullPointerException("gather(): argument " + (i + 1) + " is null");
        }
        Future<?> child = null;
        if (seen == null) {
          if (awaitable instanceof Coroutine<?> coroutine) {
            if (!coroutine.started()) {
              child = outer.add(loop.createTask(coroutine));
            }
          } else {
            Future<?> future = checkLoop(loop, (Future<?>) awaitable);
            if (!future.done()) {
              child = future.hasLastCallback(outer) ? future : outer.add(future);
            }
          }
          if (child == null) {
            seen = new IdentityHashMap<>();
            for (int j = 0; j < i; j++) {
              seen.put(awaitables.get(j), children[j]);
            }
          }
        }
        if (seen != null) {
          child = seen.get(awaitable);
          if (child == null) {
            child = outer.add(toFuture(loop, awaitable));
            seen.put(awaitable, child);
          }
        }
        children[i] = child;
      }
    } catch (RuntimeException | Error e) {
      // An argument was refused: the children already taken keep running, but nobody gathers
      // them, and their outcome is theirs to report (Python leaves its callback on them too, and
      // ignores them).
      outer.abandoned = true;
      for (int i = 0; i < children.length && children[i] != null; i++) {
        children[i].removeListener(outer);
      }
      throw e;
    }
    if (children.length == 0) {
      outer.complete(List.of());
    }
    return outer;
  }

  /** Listens to one more distinct child; returns it. */
  private Future<?> add(Future<?> child) {
    distinct++;
    child.addListener(this);
    return child;
  }

  private static Future<?> toFuture(EventLoop loop, Awaitable<?> awaitable) {
    if (awaitable instanceof Coroutine<?> coroutine) {
      return loop.createTask(coroutine);
    }
    return checkLoop(loop, (Future<?>) awaitable);
  }

  private static Future<?> checkLoop(EventLoop loop, Future<?> future) {
    if (future.loop != loop) {
      throw new IllegalArgumentException("gather(): " + future + " belongs to another event loop");
    }
    return future;
  }

  @Override
  public void futureDone(Future<?> child) {
    if (abandoned) {
      return; // the callback of a child that was already done, scheduled before gather() threw
    }
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
