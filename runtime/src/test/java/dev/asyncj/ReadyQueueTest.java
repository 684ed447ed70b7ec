package dev.asyncj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ready queue: first in, first out, listeners with their futures, while the ring wraps and grows. */
class ReadyQueueTest {
  @Test
  void entriesComeOutInOrderWhileTheRingWrapsAndGrows() {
    ReadyQueue queue = new ReadyQueue();
    ArrayDeque<Object[]> expected = new ArrayDeque<>();
    EventLoop loop = EventLoop.withVirtualClock();
    Random random = new Random(11);
    // Waves up to 30,000 entries and down to a few, polls between adds: the ring wraps and doubles.
    for (int wave = 0; wave < 3; wave++) {
      for (int i = 0; i < 30_000; i++) {
        if (random.nextInt(3) == 0) {
          Future.Listener listener = done -> {};
          Future<?> future = loop.createFuture();
          queue.add(listener, future);
          expected.add(new Object[] {listener, future});
        } else {
          Object item = wave + "/" + i;
          queue.add(item);
          expected.add(new Object[] {item, null});
        }
        if (i % 3 == 0) {
          takeAndCheck(queue, expected);
        }
      }
      while (expected.size() > 5) {
        takeAndCheck(queue, expected);
      }
    }
    while (!expected.isEmpty()) {
      takeAndCheck(queue, expected);
    }
    assertTrue(queue.isEmpty());
  }

  private static void takeAndCheck(ReadyQueue queue, ArrayDeque<Object[]> expected) {
    Object[] next = expected.poll();
    assertEquals(expected.size() + 1, queue.size());
    Object item = queue.poll();
    assertSame(next[0], item);
    if (item instanceof Future.Listener) {
      assertSame(next[1], queue.pollFuture());
    } else {
      assertNull(next[1]);
    }
  }
}
