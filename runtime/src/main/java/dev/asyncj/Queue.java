package dev.asyncj;

import java.util.ArrayDeque;

/**
 * A first-in, first-out queue between tasks, with back-pressure: {@link #put} waits while the queue
 * holds {@code maxsize} items, {@link #get()} waits while it is empty; waiting tasks are served in
 * the order they came. {@link #join()} waits until every item put was marked done with {@link
 * #taskDone()}. Python: {@code asyncio.Queue}.
 *
 * <p>Items may be {@code null} (Python's {@code None}, a common end marker), except in a {@link
 * PriorityQueue}. Not thread safe: for tasks of one loop. The name is asyncio's; import it by its
 * single name where {@code java.util.Queue} is in use too.
 *
 * <p>Subclasses change the order by the storage they give {@link #Queue(int, java.util.Queue)}
 * ({@link LifoQueue}, {@link PriorityQueue}), where Python's override {@code _init}, {@code _put}
 * and {@code _get}.
 *
 * @param <T> the type of the items
 */
public class Queue<T> extends LoopBound {
  /** Stands for a null item in the storage, which does not take nulls. */
  private static final Object NULL = new Object();

  private final int maxsize;
  private final java.util.Queue<Object> items;
  private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
  private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();
  private int unfinishedTasks;
  private final Event finished = new Event();

  /** An unbounded queue. Python: {@code asyncio.Queue()}. */
  public Queue() {
    this(0);
  }

  /**
   * A queue that holds at most {@code maxsize} items; {@code 0} or less means unbounded. Python:
   * {@code asyncio.Queue(maxsize)}.
   */
  public Queue(int maxsize) {
    this(maxsize, new ArrayDeque<>());
  }

  /**
   * For subclasses: a queue of at most {@code maxsize} items that keeps them in {@code storage}
   * (empty, not shared), whose {@code add} and {@code poll} decide the order. It holds the items,
   * with a private stand-in for {@code null}.
   */
  protected Queue(int maxsize, java.util.Queue<Object> storage) {
    this.maxsize = maxsize;
    this.items = storage;
    finished.set();
  }

  /** How many items the queue holds. Python: {@code qsize()}. */
  public int qsize() {
    return items.size();
  }

  /** The most items the queue holds; 0 for no limit. Python: {@code maxsize}. */
  public int maxsize() {
    return Math.max(0, maxsize);
  }

  /** Whether the queue is empty. Python: {@code empty()}. */
  public boolean empty() {
    return items.isEmpty();
  }

  /** Whether the queue holds {@code maxsize} items (never, if unbounded). Python: {@code full()}. */
  public boolean full() {
    return maxsize > 0 && items.size() >= maxsize;
  }

  /**
   * Puts {@code item} in the queue, waiting while it is full. Python: {@code put(item)}.
   */
  public Coroutine<Void> put(T item) {
    return new Put(item);
  }

  /**
   * Puts {@code item} in the queue without waiting. Python: {@code put_nowait(item)}.
   *
   * @throws QueueFull if the queue is full
   */
  public void putNowait(T item) {
    if (full()) {
      throw new QueueFull();
    }
    items.add(mask(item));
    unfinishedTasks++;
    finished.clear();
    wakeUpNext(getters);
  }

  /** Takes the next item, waiting while the queue is empty. Python: {@code get()}. */
  public Coroutine<T> get() {
    return new Get();
  }

  /**
   * Takes the next item without waiting. Python: {@code get_nowait()}.
   *
   * @throws QueueEmpty if the queue is empty
   */
  public T getNowait() {
    if (empty()) {
      throw new QueueEmpty();
    }
    T item = unmask(items.poll());
    wakeUpNext(putters);
    return item;
  }

  /**
   * Says that an item taken from the queue has been dealt with; when every item put has been,
   * {@link #join()} returns. Python: {@code task_done()}.
   *
   * @throws IllegalArgumentException if called more times than items were put (Python: {@code
   *     ValueError: task_done() called too many times})
   */
  public void taskDone() {
    if (unfinishedTasks <= 0) {
      throw new IllegalArgumentException("task_done() called too many times");
    }
    unfinishedTasks--;
    if (unfinishedTasks == 0) {
      finished.set();
    }
  }

  /**
   * Waits until every item put in the queue has been marked done with {@link #taskDone()}; at once
   * if none is pending. Python: {@code join()}.
   */
  public Coroutine<Void> join() {
    return new Join();
  }

  private static void wakeUpNext(ArrayDeque<Future<Void>> waiters) {
    while (!waiters.isEmpty()) {
      Future<Void> waiter = waiters.pollFirst();
      if (!waiter.done()) {
        waiter.complete(null);
        break;
      }
    }
  }

  private static Object mask(Object item) {
    return item == null ? NULL : item;
  }

  @SuppressWarnings("unchecked") // only Ts are put in
  private static <T> T unmask(Object stored) {
    return stored == NULL ? null : (T) stored;
  }

  /** Reads like Python's repr: {@code <Queue maxsize=2 _queue=[1, 2] _getters[1] tasks=2>}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("<").append(getClass().getSimpleName());
    text.append(" maxsize=").append(maxsize());
    if (!items.isEmpty()) {
      text.append(" _queue=[");
      String separator = "";
      for (Object item : items) {
        text.append(separator).append(Repr.of(unmask(item)));
        separator = ", ";
      }
      text.append(']');
    }
    if (!getters.isEmpty()) {
      text.append(" _getters[").append(getters.size()).append(']');
    }
    if (!putters.isEmpty()) {
      text.append(" _putters[").append(putters.size()).append(']');
    }
    if (unfinishedTasks > 0) {
      text.append(" tasks=").append(unfinishedTasks);
    }
    return text.append('>').toString();
  }

  private final class Put extends Procedure<Void> {
    private final T item;
    private Future<Void> putter;

    Put(T item) {
      super("Queue.put");
      this.item = item;
    }

    @Override
    Object step(Object value, Throwable error) throws Throwable {
      if (error != null) {
        putter.cancelSelf(null); // in case it is not done yet
        putters.remove(putter);
        if (!full() && !putter.cancelled()) {
          // We were woken but will not put: wake the next putter instead.
          wakeUpNext(putters);
        }
        throw error;
      }
      state = 1;
      if (full()) {
        putter = new Future<>(bind(this.task.loop));
        putters.add(putter);
        return await(putter);
      }
      putNowait(item);
      return null;
    }
  }

  private final class Get extends Procedure<T> {
    private Future<Void> getter;

    Get() {
      super("Queue.get");
    }

    @Override
    Object step(Object value, Throwable error) throws Throwable {
      if (error != null) {
        getter.cancelSelf(null); // in case it is not done yet
        getters.remove(getter);
        if (!empty() && !getter.cancelled()) {
          // We were woken but will not take the item: wake the next getter instead.
          wakeUpNext(getters);
        }
        throw error;
      }
      state = 1;
      if (empty()) {
        getter = new Future<>(bind(this.task.loop));
        getters.add(getter);
        return await(getter);
      }
      return getNowait();
    }
  }

  private final class Join extends Procedure<Void> {
    Join() {
      super("Queue.join");
    }

    @Override
    Object step(Object value, Throwable error) throws Throwable {
      if (error != null) {
        throw error;
      }
      if (state == 0 && unfinishedTasks > 0) {
        state = 1;
        return await(finished.await());
      }
      return null;
    }
  }
}
