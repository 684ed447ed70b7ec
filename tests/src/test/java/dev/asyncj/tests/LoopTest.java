package dev.asyncj.tests;

import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.getRunningLoop;
import static dev.asyncj.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncj.Async;
import dev.asyncj.Asyncio;
import dev.asyncj.Await;
import dev.asyncj.Coroutine;
import dev.asyncj.EventLoop;
import dev.asyncj.Future;
import dev.asyncj.Handle;
import dev.asyncj.TimerHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The event loop's own API: callSoon, callLater, callAt, time, callSoonThreadsafe,
 * runUntilComplete / runForever / stop / close, the exception handler, and the errors of misuse.
 * Ports of the catalogue's LOOP cases and of CPython's test_events.py / test_base_events.py.
 */
class LoopTest {
  final List<Object> log = new ArrayList<>();

  @Async
  Coroutine<Void> callSoonOrder() {
    EventLoop loop = getRunningLoop();
    for (int i = 0; i < 3; i++) {
      int n = i;
      loop.callSoon(() -> log.add(n));
    }
    log.add("still in task");
    Await.of(sleep(0));
    return done();
  }

  /** LOOP-01: callSoon runs callbacks in order, after the current step. */
  @Test
  void callSoonRunsCallbacksInOrderAfterTheCurrentStep() {
    Virtual.run(callSoonOrder());
    assertEquals(List.of("still in task", 0, 1, 2), log);
  }

  @Async
  Coroutine<Void> callLaterOrder() {
    EventLoop loop = getRunningLoop();
    loop.callLater(0.03, () -> log.add("30ms"));
    loop.callLater(0.01, () -> log.add("10ms"));
    TimerHandle h = loop.callLater(0.02, () -> log.add("20ms-cancelled"));
    loop.callLater(0, () -> log.add("later(0)"));
    loop.callSoon(() -> log.add("soon"));
    h.cancel();
    Await.of(sleep(0.05));
    log.add(h.cancelled());
    return done();
  }

  /**
   * LOOP-02: callLater orders by delay; callLater(0) runs after a callSoon registered later;
   * a cancelled handle never runs.
   */
  @Test
  void callLaterOrdersByDelay_andACancelledHandleNeverRuns() {
    Virtual.run(callLaterOrder());
    assertEquals(List.of("soon", "later(0)", "10ms", "30ms", true), log);
  }

  @Async
  Coroutine<Void> callAtWhen() {
    EventLoop loop = getRunningLoop();
    double t0 = loop.time();
    TimerHandle h = loop.callAt(t0 + 0.1, () -> log.add(loop.time() - t0));
    log.add(Math.abs(h.when() - (t0 + 0.1)) < 1e-9);
    Await.of(sleep(0.15));
    return done();
  }

  /** LOOP-03: callAt's when(), and the callback runs at that time on the loop's clock. */
  @Test
  void callAtRunsWhenTheClockReachesItsTime() {
    Virtual.run(callAtWhen());
    assertEquals(List.of(true, 0.1), log);
  }

  @Async
  Coroutine<String> threadsafeWake() throws InterruptedException {
    EventLoop loop = getRunningLoop();
    Future<String> fut = loop.createFuture();
    Thread worker = new Thread(() -> loop.callSoonThreadsafe(() -> fut.setResult(Thread.currentThread().getName())), "bg");
    worker.start();
    String r = Await.of(fut);
    worker.join();
    return done(r);
  }

  /**
   * LOOP-04: callSoonThreadsafe from another thread wakes an idle loop (on the virtual clock too,
   * which waits for real when nothing is scheduled); the callback runs on the loop's thread.
   */
  @Test
  void callSoonThreadsafeWakesTheIdleLoop() throws Exception {
    String thread = Thread.currentThread().getName();
    assertEquals(thread, Virtual.run(threadsafeWake()));
  }

  @Async
  Coroutine<Void> foreignCallSoon() throws InterruptedException {
    EventLoop loop = getRunningLoop();
    AtomicReference<String> error = new AtomicReference<>();
    Thread worker = new Thread(() -> {
      try {
        loop.callSoon(() -> {});
      } catch (IllegalStateException e) {
        error.set(e.getMessage());
      }
    });
    worker.start();
    worker.join();
    log.add(error.get().startsWith("Non-thread-safe operation invoked on an event loop other than the current one"));
    Future<String> f = loop.createFuture();
    Thread setter = new Thread(() -> {
      try {
        f.setResult("x");
      } catch (IllegalStateException e) {
        error.set(e.getMessage());
      }
    });
    setter.start();
    setter.join();
    log.add(error.get().startsWith("Non-thread-safe operation invoked on an event loop other than the current one: Future.setResult"));
    log.add(f.done());
    return done();
  }

  /**
   * LOOP-05: callSoon, or completing a future, from another thread while the loop runs is refused
   * (Python checks in debug mode; asyncj always, it costs one read).
   */
  @Test
  void aForeignThreadCannotScheduleOrCompleteDirectly() throws Exception {
    Virtual.run(foreignCallSoon());
    assertEquals(List.of(true, true, false), log);
  }

  @Async
  Coroutine<String> failingCallback() {
    EventLoop loop = getRunningLoop();
    loop.setExceptionHandler((l, context) -> log.add(List.of(l == loop, context.get("message").toString().startsWith("Exception in callback"), context.get("exception").toString(), context.get("handle") instanceof Handle)));
    loop.callSoon(() -> {
      throw new IllegalArgumentException("cb");
    });
    Await.of(sleep(0.01));
    return done("loop still alive");
  }

  /** LOOP-06: an exception in a callback goes to the exception handler; the loop goes on. */
  @Test
  void aFailingCallbackGoesToTheExceptionHandler() {
    assertEquals("loop still alive", Virtual.run(failingCallback()));
    assertEquals(List.of(List.of(true, true, "java.lang.IllegalArgumentException: cb", true)), log);
  }

  @Async
  Coroutine<Void> handlerThatFails() {
    EventLoop loop = getRunningLoop();
    loop.setExceptionHandler((l, context) -> {
      throw new IllegalStateException("handler broke");
    });
    loop.callSoon(() -> {
      throw new IllegalArgumentException("cb");
    });
    Await.of(sleep(0));
    loop.setExceptionHandler(null);
    log.add(loop.getExceptionHandler());
    return done();
  }

  /** test_base_events.py test_custom_exception_handler_exception: the default handler reports it. */
  @Test
  void aFailingExceptionHandlerIsReportedByTheDefaultOne() {
    String err = Virtual.stderrOf(() -> Virtual.run(handlerThatFails()));
    assertTrue(err.startsWith("Unhandled error in exception handler\ncontext: "), err);
    assertTrue(err.contains("java.lang.IllegalStateException: handler broke"), err);
    assertEquals(java.util.Collections.singletonList(null), log);
  }

  /** The default handler prints the message, then the other keys sorted, then the stack trace. */
  @Test
  void theDefaultHandlerPrintsLikeAsyncios() {
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("message", "Something broke");
      context.put("zeta", "z");
      context.put("alpha", 1);
      context.put("exception", new IllegalStateException("why"));
      String err = Virtual.stderrOf(() -> loop.callExceptionHandler(context));
      assertTrue(err.startsWith("Something broke\nalpha: 1\nzeta: 'z'\njava.lang.IllegalStateException: why\n"), err);
    }
  }

  @Async
  Coroutine<Void> stopper() {
    EventLoop loop = getRunningLoop();
    loop.callSoon(() -> log.add("before stop"));
    loop.callSoon(loop::stop);
    loop.callSoon(() -> log.add("same turn as stop"));
    Await.of(sleep(0));
    Await.of(sleep(0));
    log.add("resumed in the second runForever");
    return done();
  }

  /** runForever/stop: stop() ends the loop after the current turn; a later run goes on. */
  @Test
  void stopEndsRunForeverAfterTheCurrentTurn() {
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      loop.createTask(stopper());
      loop.runForever();
      log.add("runForever returned");
      loop.callSoon(loop::stop);
      loop.runForever();
      assertFalse(loop.isRunning());
    }
    assertEquals(List.of("before stop", "same turn as stop", "runForever returned", "resumed in the second runForever"), log);
  }

  /** loop.stop() before runForever: it runs one turn and returns, as in Python. */
  @Test
  void stopBeforeRunForeverRunsOneTurn() {
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      loop.callSoon(() -> log.add("one turn"));
      loop.callSoon(() -> loop.callSoon(() -> log.add("next turn")));
      loop.stop();
      loop.runForever();
      assertEquals(List.of("one turn"), log);
    }
  }

  @Async
  Coroutine<Void> nested(EventLoop outer) {
    try {
      outer.runUntilComplete(sleep(0));
    } catch (IllegalStateException e) {
      log.add(e.getMessage());
    }
    try {
      outer.close();
    } catch (IllegalStateException e) {
      log.add(e.getMessage());
    }
    try (EventLoop other = EventLoop.withVirtualClock()) {
      other.runUntilComplete(sleep(0));
    } catch (IllegalStateException e) {
      log.add(e.getMessage());
    }
    return done();
  }

  /** Misuse of a running loop: run it again, close it, run another on the same thread. */
  @Test
  void aRunningLoopRefusesToRunAgainOrClose() {
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      loop.runUntilComplete(nested(loop));
    }
    assertEquals(
        List.of("This event loop is already running", "Cannot close a running event loop",
            "Cannot run the event loop while another loop is running"),
        log);
  }

  /** A closed loop refuses new work, from any thread; close is idempotent. */
  @Test
  void aClosedLoopRefusesWork() {
    EventLoop loop = EventLoop.withVirtualClock();
    loop.close();
    loop.close();
    assertTrue(loop.isClosed());
    assertEquals("Event loop is closed", assertThrows(IllegalStateException.class, () -> loop.callSoon(() -> {})).getMessage());
    assertThrows(IllegalStateException.class, () -> loop.callSoonThreadsafe(() -> {}));
    assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(sleep(0)));
    assertThrows(IllegalStateException.class, loop::runForever);
  }

  @Async
  Coroutine<Void> stopsEarly() {
    getRunningLoop().stop();
    Await.of(sleep(1));
    return done();
  }

  /** run_until_complete: the loop stopped before the future was done. */
  @Test
  void runUntilCompleteStoppedEarlyFails() {
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(stopsEarly()));
      assertEquals("Event loop stopped before Future completed.", e.getMessage());
    }
  }

  @Async
  Coroutine<Void> loopInfo() {
    EventLoop loop = getRunningLoop();
    log.add(loop.isRunning());
    log.add(loop == Asyncio.getRunningLoop());
    log.add(loop.getDebug());
    log.add(loop.getSlowCallbackDuration());
    return done();
  }

  /** getRunningLoop, isRunning, getDebug and slow_callback_duration's default. */
  @Test
  void theRunningLoopDescribesItself() {
    Virtual.run(loopInfo());
    assertEquals(List.of(true, true, false, 0.1), log);
  }

  /** callSoonThreadsafe wakes a loop parked with no timer; from many threads, nothing lost. */
  @Test
  void callSoonThreadsafeFromManyThreadsLosesNothing() throws InterruptedException {
    int threads = 8;
    int each = 2_000;
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      Thread loopThread = Thread.currentThread();
      int[] ran = new int[1];
      boolean[] offThread = new boolean[1];
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread worker = new Thread(() -> {
          try {
            start.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            return;
          }
          for (int i = 0; i < each; i++) {
            loop.callSoonThreadsafe(() -> {
              offThread[0] |= Thread.currentThread() != loopThread;
              if (++ran[0] == threads * each) {
                loop.stop();
              }
            });
          }
        });
        worker.start();
        workers.add(worker);
      }
      start.countDown();
      loop.runForever();
      for (Thread worker : workers) {
        worker.join(10_000);
      }
      assertEquals(threads * each, ran[0]);
      assertFalse(offThread[0]);
    }
  }

  /** Python's {@code new_event_loop()}: a loop on the real clock. */
  @Test
  void newEventLoopMakesALoop() {
    try (EventLoop loop = Asyncio.newEventLoop()) {
      assertFalse(loop.isRunning());
      assertNull(loop.getExceptionHandler());
      assertSame(Integer.valueOf(3), loop.runUntilComplete(sleep(0, 3)));
    }
  }
}
