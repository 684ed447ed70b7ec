package dev.asyncj;

import java.util.Arrays;

/**
 * The loop's timers: a binary min-heap ordered by deadline, then by the order the timers were
 * added, so that timers with equal deadlines fire first in, first out.
 *
 * <p>CPython's heap compares deadlines only, so equal deadlines fire in an arbitrary order; asyncj
 * keeps them FIFO on purpose (as {@code ScheduledThreadPoolExecutor} does with its sequence
 * numbers). Entries live in parallel arrays rather than one object each, which keeps a million
 * sleeping coroutines cheap. A cancelled timer stays in the heap and is skipped when it comes due.
 */
final class TimerQueue {
  private long[] deadlines = new long[16];
  private long[] seqs = new long[16];
  private Object[] targets = new Object[16];
  private int size;
  private long lastSeq;

  /** Adds a timer and returns its sequence number, which is never 0. */
  long add(long deadlineNanos, Object target) {
    if (size == deadlines.length) {
      int capacity = size * 2;
      deadlines = Arrays.copyOf(deadlines, capacity);
      seqs = Arrays.copyOf(seqs, capacity);
      targets = Arrays.copyOf(targets, capacity);
    }
    long seq = ++lastSeq;
    int i = size++;
    // Sift up.
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(deadlineNanos, seq, deadlines[parent], seqs[parent])) {
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
    return deadlines[0];
  }

  long firstSeq() {
    return seqs[0];
  }

  Object firstTarget() {
    return targets[0];
  }

  /** Removes the earliest timer; the queue must not be empty. */
  void removeFirst() {
    int last = --size;
    long deadline = deadlines[last];
    long seq = seqs[last];
    Object target = targets[last];
    targets[last] = null;
    if (last == 0) {
      return;
    }
    // Sift the last entry down from the root.
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= last) {
        break;
      }
      int right = child + 1;
      if (right < last && before(deadlines[right], seqs[right], deadlines[child], seqs[child])) {
        child = right;
      }
      if (!before(deadlines[child], seqs[child], deadline, seq)) {
        break;
      }
      move(child, i);
      i = child;
    }
    set(i, deadline, seq, target);
  }

  /** What {@link #removeIf} asks of each timer. */
  interface EntryTest {
    boolean test(Object target, long seq);
  }

  /** Removes the timers {@code test} accepts and rebuilds the heap: O(n). */
  void removeIf(EntryTest test) {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (!test.test(targets[i], seqs[i])) {
        set(kept++, deadlines[i], seqs[i], targets[i]);
      }
    }
    Arrays.fill(targets, kept, size, null);
    size = kept;
    for (int i = (size >>> 1) - 1; i >= 0; i--) {
      siftDown(i);
    }
  }

  private void siftDown(int i) {
    long deadline = deadlines[i];
    long seq = seqs[i];
    Object target = targets[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      int right = child + 1;
      if (right < size && before(deadlines[right], seqs[right], deadlines[child], seqs[child])) {
        child = right;
      }
      if (!before(deadlines[child], seqs[child], deadline, seq)) {
        break;
      }
      move(child, i);
      i = child;
    }
    set(i, deadline, seq, target);
  }

  void clear() {
    Arrays.fill(targets, 0, size, null);
    size = 0;
  }

  private static boolean before(long deadline, long seq, long otherDeadline, long otherSeq) {
    return deadline < otherDeadline || (deadline == otherDeadline && seq < otherSeq);
  }

  private void move(int from, int to) {
    set(to, deadlines[from], seqs[from], targets[from]);
  }

  private void set(int i, long deadline, long seq, Object target) {
    deadlines[i] = deadline;
    seqs[i] = seq;
    targets[i] = target;
  }
}
