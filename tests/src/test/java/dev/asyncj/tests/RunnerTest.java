package dev.asyncj.tests;

import static dev.asyncj.Asyncio.createTask;
import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.getRunningLoop;
import static dev.asyncj.Asyncio.run;
import static dev.asyncj.Asyncio.sleep;
import static dev.asyncj.Asyncio.toThread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncj.Async;
import dev.asyncj.Asyncio;
import dev.asyncj.Await;
import dev.asyncj.CancelledError;
import dev.asyncj.Coroutine;
import dev.asyncj.EventLoop;
import dev.asyncj.Runner;
import dev.asyncj.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Asyncio.run} and {@link Runner}: the value or the exception, the error of a nested run,
 * leftover tasks cancelled with their finally blocks run, failures during that shutdown reported,
 * the loop closed. Ports of the catalogue's RUN cases and of CPython's test_runners.py.
 */
class RunnerTest {
  final List<Object> log = new ArrayList<>();
  Task<Void> leftover;
  EventLoop seenLoop;

  @Async
  Coroutine<Integer> returns42() {
    Await.of(sleep(0));
    return done(42);
  }

  /** RUN-01: Asyncio.run gives the coroutine's value. */
  @Test
  void runGivesTheValue() {
    assertEquals(42, run(returns42()));
  }

  @Async
  Coroutine<Void> raises(IllegalArgumentException e) {
    Await.of(sleep(0));
    throw e;
  }

  /** RUN-02: Asyncio.run throws the coroutine's exception, the same object. */
  @Test
  void runThrowsTheSameException() {
    IllegalArgumentException spam = new IllegalArgumentException("spam");
    assertSame(spam, assertThrows(IllegalArgumentException.class, () -> run(raises(spam))));
  }

  /** RUN-03: a coroutine is required (Python's ValueError: IllegalArgumentException). */
  @Test
  void runWantsACoroutine() {
    assertEquals(
        "a coroutine was expected, got null",
        assertThrows(IllegalArgumentException.class, () -> run(null)).getMessage());
  }

  @Async
  Coroutine<Void> leaf() {
    return done();
  }

  @Async
  Coroutine<Void> nestedRun() {
    Coroutine<Void> c = leaf();
    try {
      run(c);
    } catch (IllegalStateException e) {
      log.add(e.getMessage());
    }
    try (Runner runner = new Runner()) {
      runner.run(leaf());
    } catch (IllegalStateException e) {
      log.add(e.getMessage());
    }
    Await.of(c);
    return done();
  }

  /** RUN-04: Asyncio.run (or Runner.run) inside a running loop is an error. */
  @Test
  void runInsideARunningLoopIsAnError() {
    Virtual.run(nestedRun());
    assertEquals(
        List.of(
            "Asyncio.run() cannot be called from a running event loop; await the coroutine instead",
            "Runner.run() cannot be called from a running event loop"),
        log);
  }

  @Async
  Coroutine<Void> leftoverTask() {
    try {
      log.add("leftover started");
      Await.of(sleep(10));
    } catch (CancelledError e) {
      log.add("leftover got CancelledError");
      throw e;
    } finally {
      log.add("leftover finally");
    }
    return done();
  }

  @Async
  Coroutine<String> leavesATask() {
    seenLoop = getRunningLoop();
    leftover = createTask(leftoverTask());
    Await.of(sleep(0));
    log.add("main returns");
    return done("done");
  }

  /**
   * RUN-05: tasks still pending when main returns are cancelled, their finally blocks run, then
   * the loop is closed; in no time (not 10 s).
   */
  @Test
  void runCancelsLeftoverTasksAndClosesTheLoop() {
    long start = System.nanoTime();
    String r = run(leavesATask());
    log.add("run returned " + r);
    assertEquals(
        List.of("leftover started", "main returns", "leftover got CancelledError",
            "leftover finally", "run returned done"),
        log);
    assertTrue(leftover.cancelled());
    assertTrue(seenLoop.isClosed());
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "well under the leftover's 10 s");
  }

  @Async
  Coroutine<Void> failsWhenCancelled() {
    try {
      Await.of(sleep(10));
    } catch (CancelledError e) {
      throw new ArithmeticException("division by zero");
    }
    return done();
  }

  @Async
  Coroutine<String> leavesAFailingTask() {
    getRunningLoop().setExceptionHandler((loop, context) ->
        log.add(context.get("message") + " | " + context.get("exception") + " | " + (context.get("task") == leftover)));
    leftover = createTask(failsWhenCancelled());
    Await.of(sleep(0));
    return done("returned normally");
  }

  /** RUN-06: a leftover task that fails while being cancelled is reported, not thrown. */
  @Test
  void aLeftoverFailingDuringShutdownIsReported() {
    assertEquals("returned normally", Virtual.run(leavesAFailingTask()));
    assertEquals(
        List.of("unhandled exception during Asyncio.run() shutdown | java.lang.ArithmeticException:"
            + " division by zero | true"),
        log);
  }

  @Async
  Coroutine<Boolean> debugFlag() {
    return done(getRunningLoop().getDebug());
  }

  /** RUN-07: run(main, true) turns debug mode on; run(main, false) off. */
  @Test
  void runTakesTheDebugFlag() {
    assertTrue(run(debugFlag(), true));
    assertFalse(run(debugFlag(), false));
    assertTrue(Virtual.runDebug(debugFlag()));
  }

  @Async
  Coroutine<Void> startsBackground() {
    leftover = createTask(counts());
    Await.of(sleep(0.05));
    return done();
  }

  @Async
  Coroutine<Void> counts() {
    try {
      for (int i = 0; ; i++) {
        log.add("tick " + i);
        Await.of(sleep(0.02));
      }
    } finally {
      log.add("background finally");
    }
  }

  @Async
  Coroutine<Double> time() {
    Await.of(sleep(0.01));
    return done(getRunningLoop().time());
  }

  /**
   * test_runners.py RunnerTests.test_run_keeps_context / test_second_with_block_raises family: a
   * Runner runs several mains on one loop; a task left by one keeps running in the next; close()
   * cancels it; a closed runner refuses more.
   */
  @Test
  void aRunnerRunsSeveralMainsOnOneLoop() {
    Runner runner = new Runner(EventLoop::withVirtualClock);
    EventLoop loop;
    try (runner) {
      loop = runner.getLoop();
      runner.run(startsBackground());
      log.add("between runs");
      double t = runner.run(time());
      log.add(t);
      assertSame(loop, runner.getLoop());
    }
    assertTrue(loop.isClosed());
    assertTrue(leftover.cancelled());
    assertEquals(
        List.of("tick 0", "tick 1", "tick 2", "between runs", "tick 3", 0.06, "background finally"),
        log);
    assertEquals("Runner is closed", assertThrows(IllegalStateException.class, () -> runner.run(leaf())).getMessage());
    runner.close(); // again: nothing
  }

  /** Runner: a loop factory that gives a closed loop is refused. */
  @Test
  void aRunnerWantsAnOpenLoop() {
    EventLoop closed = EventLoop.withVirtualClock();
    closed.close();
    try (Runner runner = new Runner(() -> closed)) {
      assertThrows(IllegalStateException.class, runner::getLoop);
    }
  }

  /** Runner(debug) sets the loop's debug mode. */
  @Test
  void aRunnerSetsDebugMode() {
    try (Runner runner = new Runner(true, EventLoop::withVirtualClock)) {
      assertTrue(runner.getLoop().getDebug());
    }
    try (Runner runner = new Runner(false)) {
      assertFalse(runner.getLoop().getDebug());
    }
  }

  @Async
  Coroutine<String> usesAThread() {
    seenLoop = getRunningLoop();
    return done(Await.of(toThread(() -> "from a thread")));
  }

  /** Asyncio.run shuts the default executor down before closing the loop. */
  @Test
  void runShutsTheDefaultExecutorDown() {
    assertEquals("from a thread", run(usesAThread()));
    assertTrue(seenLoop.isClosed());
    assertThrows(IllegalStateException.class, () -> seenLoop.runInExecutor(null, () -> 1));
  }

  /** Asyncio.newEventLoop + runUntilComplete: managing a loop by hand. */
  @Test
  void aLoopCanBeManagedByHand() {
    try (EventLoop loop = Asyncio.newEventLoop()) {
      assertEquals(42, loop.runUntilComplete(returns42()));
      assertFalse(loop.isClosed());
    }
  }
}
