package dev.asyncj;

import java.util.Comparator;

/**
 * A {@link Queue} that gives the smallest item first: natural order, or a {@link Comparator}'s.
 * Items of equal priority come out in no particular order, as from Python's {@code heapq}. Items
 * must not be {@code null}. Python: {@code asyncio.PriorityQueue} (where items are often {@code
 * (priority, data)} tuples: use a record with a comparator).
 *
 * <p>The name is asyncio's; import it by its single name where {@code java.util.PriorityQueue} is
 * in use too.
 *
 * @param <T> the type of the items
 */
public class PriorityQueue<T> extends Queue<T> {
  /** An unbounded queue of {@link Comparable} items. Python: {@code asyncio.PriorityQueue()}. */
  public PriorityQueue() {
    this(0);
  }

  /** A queue of at most {@code maxsize} {@link Comparable} items (0: unbounded). */
  public PriorityQueue(int maxsize) {
    super(maxsize, new java.util.PriorityQueue<>());
  }

  /** A queue of at most {@code maxsize} items (0: unbounded), smallest by {@code comparator}. */
  @SuppressWarnings("unchecked") // the storage only ever holds Ts
  public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
    super(maxsize, new java.util.PriorityQueue<>((Comparator<Object>) comparator));
  }

  @Override
  public void putNowait(T item) {
    if (item == null) {
      throw new NullPointerException("a PriorityQueue cannot hold null: it could not be ordered");
    }
    super.putNowait(item);
  }
}
