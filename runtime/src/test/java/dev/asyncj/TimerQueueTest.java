package dev.asyncj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The timer heap: deadline-then-sequence order, and the purge of cancelled entries. */
class TimerQueueTest {
  record Entry(long deadline, long seq, Object target) {}

  @Test
  void timersComeOutByDeadlineThenInTheOrderTheyWereAdded() {
    TimerQueue queue = new TimerQueue();
    Random random = new Random(42);
    List<Entry> added = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      long deadline = random.nextInt(50);
      Object target = "t" + i;
      added.add(new Entry(deadline, queue.add(deadline, target), target));
    }
    List<Entry> popped = drain(queue);
    added.sort((a, b) -> a.deadline != b.deadline ? Long.compare(a.deadline, b.deadline) : Long.compare(a.seq, b.seq));
    assertEquals(added, popped);
  }

  @Test
  void removeIfDropsTheEntriesAndKeepsTheOrderOfTheRest() {
    TimerQueue queue = new TimerQueue();
    Random random = new Random(7);
    List<Entry> kept = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      long deadline = random.nextInt(100);
      Object target = i;
      long seq = queue.add(deadline, target);
      if (i % 3 != 0) {
        kept.add(new Entry(deadline, seq, target));
      }
    }
    queue.removeIf((target, seq) -> ((Integer) target) % 3 == 0);
    assertEquals(kept.size(), queue.size());
    kept.sort((a, b) -> a.deadline != b.deadline ? Long.compare(a.deadline, b.deadline) : Long.compare(a.seq, b.seq));
    assertEquals(kept, drain(queue));
    assertTrue(queue.isEmpty());
  }

  @Test
  void theOrderHoldsWhileTheArraysGrow() {
    TimerQueue queue = new TimerQueue();
    java.util.PriorityQueue<Entry> expected =
        new java.util.PriorityQueue<>(
            (a, b) -> a.deadline != b.deadline ? Long.compare(a.deadline, b.deadline) : Long.compare(a.seq, b.seq));
    Random random = new Random(3);
    // Waves up to 20,000 entries and down to a few, pops between adds: the arrays double many times.
    for (int wave = 0; wave < 3; wave++) {
      for (int i = 0; i < 20_000; i++) {
        long deadline = random.nextInt(5_000);
        Object target = wave + "/" + i;
        expected.add(new Entry(deadline, queue.add(deadline, target), target));
        if (i % 4 == 0) {
          assertEquals(expected.poll(), pop(queue));
        }
      }
      while (expected.size() > 10) {
        assertEquals(expected.poll(), pop(queue));
      }
    }
    List<Entry> rest = new ArrayList<>();
    while (!expected.isEmpty()) {
      rest.add(expected.poll());
    }
    assertEquals(rest, drain(queue));
  }

  private static Entry pop(TimerQueue queue) {
    Entry first = new Entry(queue.firstDeadline(), queue.firstSeq(), queue.firstTarget());
    queue.removeFirst();
    return first;
  }

  private static List<Entry> drain(TimerQueue queue) {
    List<Entry> popped = new ArrayList<>();
    while (!queue.isEmpty()) {
      popped.add(new Entry(queue.firstDeadline(), queue.firstSeq(), queue.firstTarget()));
      queue.removeFirst();
    }
    return popped;
  }
}
