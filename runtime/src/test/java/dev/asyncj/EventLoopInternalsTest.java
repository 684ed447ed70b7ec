package dev.asyncj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mechanics of the loop that the behaviour tests cannot see: heap purging, never-retrieved list. */
class EventLoopInternalsTest {
  @Test
  void cancelledTimersArePurgedWhenTheyAreMostOfTheHeap() {
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      List<Runnable> ran = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        loop.callLater(60, () -> ran.add(null)).cancel();
      }
      assertTrue(loop.timerCount() <= 2 * 101, "heap of " + loop.timerCount() + " entries");
      TimerHandle live = loop.callLater(1, () -> ran.add(null));
      loop.runUntilComplete(new Sleep<>(2_000_000_000L));
      assertEquals(1, ran.size());
      assertTrue(!live.cancelled());
    }
  }

  @Test
  void cancelledSleepsArePurgedToo() {
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      for (int i = 0; i < 1000; i++) {
        Task<Void> t = loop.createTask(new Sleep<>(60_000_000_000L));
        loop.runUntilComplete(new Sleep<>(0)); // t sleeps now
        t.cancel();
        loop.runUntilComplete(new Sleep<>(0));
        assertTrue(t.cancelled());
      }
      assertTrue(loop.timerCount() <= 2 * 101, "heap of " + loop.timerCount() + " entries");
    }
  }

  @Test
  void aRetrievedExceptionLeavesTheLoopsList() {
    EventLoop loop = EventLoop.withVirtualClock();
    loop.setExceptionHandler((l, context) -> {});
    Future<Void> f = loop.createFuture();
    f.setException(new IllegalStateException("x"));
    assertEquals(1, loop.unretrievedCount());
    f.exception();
    assertEquals(0, loop.unretrievedCount());
    Future<Void> g = loop.createFuture();
    g.setException(new IllegalStateException("y"));
    Future<Void> h = loop.createFuture();
    h.setException(new IllegalStateException("z"));
    assertEquals("y", assertThrows(IllegalStateException.class, g::result).getMessage());
    assertEquals(1, loop.unretrievedCount());
    loop.close();
    assertEquals(0, loop.unretrievedCount());
  }

  @Test
  void theReportAtCloseComesOnceAndInOrder() {
    List<Object> reports = new ArrayList<>();
    EventLoop loop = EventLoop.withVirtualClock();
    loop.setExceptionHandler((l, context) -> reports.add(((Throwable) context.get("exception")).getMessage()));
    for (String message : List.of("a", "b", "c")) {
      loop.createFuture().setException(new IllegalStateException(message));
    }
    Future<Void> retrieved = loop.createFuture();
    retrieved.setException(new IllegalStateException("retrieved"));
    retrieved.exception();
    loop.close();
    loop.close();
    assertEquals(List.of("a", "b", "c"), reports);
    assertEquals(0, loop.unretrievedCount());
  }
}
