package dev.asyncj;

import java.util.ArrayDeque;
import java.util.Collections;

/**
 * A {@link Queue} that gives the most recently put item first. Python: {@code asyncio.LifoQueue}.
 *
 * @param <T> the type of the items
 */
public class LifoQueue<T> extends Queue<T> {
  /** An unbounded LIFO queue. Python: {@code asyncio.LifoQueue()}. */
  public LifoQueue() {
    this(0);
  }

  /** A LIFO queue of at most {@code maxsize} items (0: unbounded). */
  public LifoQueue(int maxsize) {
    super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
  }
}
