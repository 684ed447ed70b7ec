package dev.asyncj;

/**
 * The loop's queue of things to run at its next turn, first in, first out: tasks to step, {@link
 * Handle}s, internal {@link Runnable}s, and internal {@link Future.Listener}s with the future they
 * are told about. A growable ring buffer, so scheduling costs no allocation (Python's {@code
 * loop._ready} deque holds one Handle object per entry).
 *
 * <p>An entry is one slot, except a listener's, which is two: the listener, then its future (the
 * slot after a listener always holds one), so that telling a gather about each of a million
 * children allocates nothing.
 */
final class ReadyQueue {
  private Object[] slots = new Object[64];
  private int head;
  /** Slots in use. */
  private int used;
  /** Entries: what {@link #size()} counts, a listener and its future being one. */
  private int entries;

  void add(Object item) {
    if (used == slots.length) {
      grow();
    }
    slots[(head + used) & (slots.length - 1)] = item;
    used++;
    entries++;
  }

  /** Adds an entry that tells {@code listener} that {@code future} is done. */
  void add(Future.Listener listener, Future<?> future) {
    if (used + 2 > slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    slots[(head + used) & mask] = listener;
    slots[(head + used + 1) & mask] = future;
    used += 2;
    entries++;
  }

  /**
   * Removes and returns the oldest entry's item; the queue must not be empty. For a {@link
   * Future.Listener}, call {@link #pollFuture()} next.
   */
  Object poll() {
    Object item = take();
    entries--;
    return item;
  }

  /** The future of the listener {@link #poll()} just returned. */
  Future<?> pollFuture() {
    return (Future<?>) take();
  }

  int size() {
    return entries;
  }

  boolean isEmpty() {
    return entries == 0;
  }

  void clear() {
    while (used > 0) {
      take();
    }
    entries = 0;
  }

  private Object take() {
    Object slot = slots[head];
    slots[head] = null;
    head = (head + 1) & (slots.length - 1);
    used--;
    return slot;
  }

  private void grow() {
    Object[] bigger = new Object[slots.length * 2];
    for (int i = 0; i < used; i++) {
      bigger[i] = slots[(head + i) & (slots.length - 1)];
    }
    slots = bigger;
    head = 0;
  }
}
