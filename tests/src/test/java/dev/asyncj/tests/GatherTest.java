package dev.asyncj.tests;

import static dev.asyncj.Asyncio.RETURN_EXCEPTIONS;
import static dev.asyncj.Asyncio.createTask;
import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.gather;
import static dev.asyncj.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncj.Async;
import dev.asyncj.Await;
import dev.asyncj.Coroutine;
import dev.asyncj.Future;
import dev.asyncj.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * gather's results and failures, and the coroutine basics around it. Ports of the catalogue's
 * GATHER, CORO-01 and CORO-07 cases (GATHER-03/04/06/08 are in DebugModeTest and
 * CancellationTest) and of CPython's test_tasks.py GatherTestsBase.
 */
class GatherTest {
  final List<Object> log = new ArrayList<>();

  @Async
  Coroutine<String> job(double delay, String value) {
    Await.of(sleep(delay));
    log.add(value);
    return done(value);
  }

  @Async
  Coroutine<List<String>> inArgumentOrder() {
    return done(Await.of(gather(job(0.03, "a"), job(0.01, "b"), job(0.02, "c"))));
  }

  /** GATHER-01: results in argument order, whatever the completion order. */
  @Test
  void resultsComeInArgumentOrder() {
    assertEquals(List.of("a", "b", "c"), Virtual.run(inArgumentOrder()));
    assertEquals(List.of("b", "c", "a"), log);
  }

  @Async
  Coroutine<Integer> value(int v) {
    Await.of(sleep(0));
    return done(v);
  }

  @Async
  Coroutine<Integer> raises(RuntimeException e) {
    Await.of(sleep(0));
    throw e;
  }

  @Async
  Coroutine<List<Object>> exceptionsInPlace(IllegalArgumentException v) {
    return done(Await.of(gather(RETURN_EXCEPTIONS, value(1), raises(v), value(3))));
  }

  /** GATHER-02: with RETURN_EXCEPTIONS, exception objects take their place in the list. */
  @Test
  void returnExceptionsPutsTheExceptionObjectsInPlace() {
    IllegalArgumentException v = new IllegalArgumentException("v");
    List<Object> r = Virtual.run(exceptionsInPlace(v));
    assertEquals(3, r.size());
    assertEquals(1, r.get(0));
    assertTrue(r.get(1) == v);
    assertEquals(3, r.get(2));
  }

  @Async
  Coroutine<Void> emptyGather() {
    Future<List<Object>> g = gather();
    log.add(g.done());
    log.add(Await.of(g));
    return done();
  }

  /** GATHER-05: an empty gather is done at once and gives []. */
  @Test
  void anEmptyGatherIsDoneAtOnce() {
    Virtual.run(emptyGather());
    assertEquals(List.of(true, List.of()), log);
  }

  @Async
  Coroutine<List<String>> sameTaskTwice() {
    Task<String> t = createTask(job(0, "v"));
    return done(Await.of(gather(t, t)));
  }

  /** GATHER-07: the same task given twice runs once and fills both places. */
  @Test
  void theSameTaskTwiceRunsOnce() {
    assertEquals(List.of("v", "v"), Virtual.run(sameTaskTwice()));
    assertEquals(List.of("v"), log);
  }

  @Async
  Coroutine<String> hello() {
    log.add("body");
    return done("Hello");
  }

  @Async
  Coroutine<Void> createThenAwait() {
    Coroutine<String> c = hello();
    log.add("created");
    log.add(Await.of(c));
    return done();
  }

  /** CORO-01: calling an @Async method runs nothing; its body runs when awaited. */
  @Test
  void callingAnAsyncMethodRunsNothing() {
    Virtual.run(createThenAwait());
    assertEquals(List.of("created", "body", "Hello"), log);
  }

  static final class Boom extends RuntimeException {
    Boom(String message) {
      super(message);
    }
  }

  @Async
  Coroutine<Void> innermost() {
    Await.of(sleep(0));
    throw new Boom("inner failed");
  }

  @Async
  Coroutine<Void> middle() {
    Await.of(innermost());
    return done();
  }

  @Async
  Coroutine<Void> outer() {
    try {
      Await.of(middle());
    } catch (Boom e) {
      log.add("caught Boom " + e.getMessage());
    }
    return done();
  }

  /** CORO-07: an exception crosses two awaits unchanged. */
  @Test
  void anExceptionCrossesAwaitsUnchanged() {
    Virtual.run(outer());
    assertEquals(List.of("caught Boom inner failed"), log);
  }

  @Async
  Coroutine<Void> wakeOrder(int i) {
    Await.of(sleep(0.05));
    log.add(i);
    return done();
  }

  @Async
  Coroutine<Void> sameDelay() {
    List<Coroutine<Void>> all = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      all.add(wakeOrder(i));
    }
    Await.of(gather(all));
    return done();
  }

  /** SLEEP-05 (a): tasks sleeping the same delay, started in order, wake in that order. */
  @Test
  void equalSleepsWakeInTheOrderTheyStarted() {
    Virtual.run(sameDelay());
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), log);
  }
}
