package dev.asyncj;

import java.util.Arrays;

/**
 * The loop's timers: a min-heap ordered by deadline, then by the order the timers were added, so
 * that timers with equal deadlines fire first in, first out.
 *
 * <p>CPython's heap compares deadlines only, so equal deadlines fire in an arbitrary order; asyncj
 * keeps them FIFO on purpose (as {@code ScheduledThreadPoolExecutor} does with its sequence
 * numbers). A cancelled timer stays in the heap and is skipped when it comes due.
 */
final class TimerQueue {
  /*
   * Layout (maintainer notes). A million sleeping coroutines mean a million entries, so an entry
   * is no object: entry i is keys[2i] (its deadline), keys[2i + 1] (its sequence number) and
   * targets[i], 20 bytes. The heap is 4-ary (the children of i are 4i + 1 .. 4i + 4): half the
   * depth of a binary heap, and the keys of the four children of an entry are 64 contiguous bytes,
   * so taking the first of a million timers reads 10 to 20 cache lines of keys instead of about 40
   * (binary heap, deadlines and sequence numbers in separate arrays).
   */
  private long[] keys = new long[2 * 16];
  private Object[] targets = new Object[16];
  private int size;
  private long lastSeq;

  /** Adds a timer and returns its sequence number, which is never 0. */
  long add(long deadlineNanos, Object target) {
    if (size == targets.length) {
      keys = Arrays.copyOf(keys, 4 * size);
      targets = Arrays.copyOf(targets, 2 * size);
    }
    long seq = ++lastSeq;
    int i = size++;
    // Sift up.
    while (i > 0) {
      int parent = (i - 1) >>> 2;
      if (!before(deadlineNanos, seq, parent)) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    set(i, deadlineNanos, seq, target);
    return seq;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** The earliest deadline; the queue must not be empty. */
  long firstDeadline() {
    return keys[0];
  }

  long firstSeq() {
    return keys[1];
  }

  Object firstTarget() {
    return targets[0];
  }

  /** Removes the earliest timer; the queue must not be empty. */
  void removeFirst() {
    int last = --size;
    long deadline = keys[2 * last];
    long seq = keys[2 * last + 1];
    Object target = targets[last];
    targets[last] = null;
    if (last > 0) {
      siftDown(0, deadline, seq, target);
    }
  }

  /** What {@link #removeIf} asks of each timer. */
  interface EntryTest {
    boolean test(Object target, long seq);
  }

  /** Removes the timers {@code test} accepts and rebuilds the heap: O(n). */
  void removeIf(EntryTest test) {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (!test.test(targets[i], keys[2 * i + 1])) {
        set(kept++, keys[2 * i], keys[2 * i + 1], targets[i]);
      }
    }
    Arrays.fill(targets, kept, size, null);
    size = kept;
    if (size > 1) {
      for (int i = (size - 2) / 4; i >= 0; i--) { // from the parent of the last entry up
        siftDown(i, keys[2 * i], keys[2 * i + 1], targets[i]);
      }
    }
  }

  /** Puts the entry (deadline, seq, target) at {@code i} or below, moving smaller children up. */
  private void siftDown(int i, long deadline, long seq, Object target) {
    while (true) {
      int first = 4 * i + 1;
      if (first >= size) {
        break;
      }
      int least = first;
      int end = Math.min(first + 4, size);
      for (int c = first + 1; c < end; c++) {
        if (before(keys[2 * c], keys[2 * c + 1], least)) {
          least = c;
        }
      }
      if (!before(keys[2 * least], keys[2 * least + 1], deadline, seq)) {
        break;
      }
      move(least, i);
      i = least;
    }
    set(i, deadline, seq, target);
  }

  void clear() {
    Arrays.fill(targets, 0, size, null);
    size = 0;
  }

  /** Whether the entry (deadline, seq) comes before entry {@code j}. */
  private boolean before(long deadline, long seq, int j) {
    return before(deadline, seq, keys[2 * j], keys[2 * j + 1]);
  }

  private static boolean before(long deadline, long seq, long otherDeadline, long otherSeq) {
    return deadline < otherDeadline || (deadline == otherDeadline && seq < otherSeq);
  }

  private void move(int from, int to) {
    set(to, keys[2 * from], keys[2 * from + 1], targets[from]);
  }

  private void set(int i, long deadline, long seq, Object target) {
    keys[2 * i] = deadline;
    keys[2 * i + 1] = seq;
    targets[i] = target;
  }
}
