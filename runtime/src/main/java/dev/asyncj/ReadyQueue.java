package dev.asyncj;

/**
 * The loop's queue of things to run at its next turn, first in, first out: tasks to step, {@link
 * Handle}s, and internal {@link Runnable}s. A growable ring buffer, so scheduling a task costs no
 * allocation (Python's {@code loop._ready} deque holds one Handle object per entry).
 */
final class ReadyQueue {
  private Object[] items = new Object[64];
  private int head;
  private int size;

  void add(Object item) {
    if (size == items.length) {
      grow();
    }
    items[(head + size) & (items.length - 1)] = item;
    size++;
  }

  /** Removes and returns the oldest item; the queue must not be empty. */
  Object poll() {
    Object item = items[head];
    items[head] = null;
    head = (head + 1) & (items.length - 1);
    size--;
    return item;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void clear() {
    while (size > 0) {
      poll();
    }
  }

  private void grow() {
    Object[] bigger = new Object[items.length * 2];
    for (int i = 0; i < size; i++) {
      bigger[i] = items[(head + i) & (items.length - 1)];
    }
    items = bigger;
    head = 0;
  }
}
