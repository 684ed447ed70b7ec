package dev.asyncj.tests;

import static dev.asyncj.Asyncio.ALL_COMPLETED;
import static dev.asyncj.Asyncio.FIRST_COMPLETED;
import static dev.asyncj.Asyncio.FIRST_EXCEPTION;
import static dev.asyncj.Asyncio.asCompleted;
import static dev.asyncj.Asyncio.createTask;
import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.getRunningLoop;
import static dev.asyncj.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asyncj.Async;
import dev.asyncj.Asyncio;
import dev.asyncj.Await;
import dev.asyncj.Coroutine;
import dev.asyncj.DoneAndPending;
import dev.asyncj.ReturnWhen;
import dev.asyncj.Task;
import dev.asyncj.TimeoutError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code Asyncio.wait} with FIRST_COMPLETED, FIRST_EXCEPTION and ALL_COMPLETED, and {@code
 * asCompleted}. Ports of the catalogue's WAIT and ASCOMP cases and of CPython's test_tasks.py.
 *
 * <p>Inside a class, {@code wait(...)} means {@code Object.wait}: these tests write {@code
 * Asyncio.wait(...)}, as users must.
 */
class WaitTest {
  final List<Object> log = new ArrayList<>();

  @Async
  Coroutine<Object> job(double delay, Object value) {
    Await.of(sleep(delay));
    if (value instanceof RuntimeException e) {
      throw e;
    }
    return done(value);
  }

  static Set<String> names(Collection<? extends Task<?>> tasks) {
    Set<String> names = new TreeSet<>();
    for (Task<?> t : tasks) {
      names.add(t.getName());
    }
    return names;
  }

  @Async
  Coroutine<Void> allCompleted() {
    List<Task<Object>> ts = List.of(createTask(job(0.01, 1), "t1"), createTask(job(0.02, 2), "t2"));
    DoneAndPending<Task<Object>> r = Await.of(Asyncio.wait(ts));
    log.add(names(r.done()));
    log.add(names(r.pending()));
    log.add(getRunningLoop().time());
    return done();
  }

  /** WAIT-01: by default, wait returns when all are done; pending is empty. */
  @Test
  void waitByDefaultWaitsForAll() {
    Virtual.run(allCompleted());
    assertEquals(List.of(Set.of("t1", "t2"), Set.of(), 0.02), log);
  }

  @Async
  Coroutine<Void> firstCompleted() {
    Task<Object> a = createTask(job(0.1, "a"), "a");
    Task<Object> b = createTask(job(0.3, "b"), "b");
    DoneAndPending<Task<Object>> r = Await.of(Asyncio.wait(Set.of(a, b), FIRST_COMPLETED));
    log.add(getRunningLoop().time());
    log.add(names(r.done()));
    log.add(names(r.pending()));
    log.add(b.cancelled());
    log.add(Await.of(b));
    return done();
  }

  /** WAIT-02: FIRST_COMPLETED returns after the first; the others go on, not cancelled. */
  @Test
  void firstCompletedReturnsAfterTheFirst() {
    Virtual.run(firstCompleted());
    assertEquals(List.of(0.1, Set.of("a"), Set.of("b"), false, "b"), log);
  }

  @Async
  Coroutine<Void> firstException() {
    Task<Object> bad = createTask(job(0.1, new IllegalArgumentException("x")), "bad");
    Task<Object> good = createTask(job(0.3, "b"), "good");
    DoneAndPending<Task<Object>> r = Await.of(Asyncio.wait(List.of(bad, good), FIRST_EXCEPTION));
    log.add(getRunningLoop().time());
    log.add(names(r.done()));
    log.add(names(r.pending()));
    Await.of(good);
    double start = getRunningLoop().time();
    Task<Object> x = createTask(job(0.1, 1), "x");
    Task<Object> y = createTask(job(0.2, 2), "y");
    DoneAndPending<Task<Object>> r2 = Await.of(Asyncio.wait(List.of(x, y), FIRST_EXCEPTION));
    log.add(Math.round((getRunningLoop().time() - start) * 1000) / 1000.0);
    log.add(names(r2.done()));
    log.add(names(r2.pending()));
    return done();
  }

  /** WAIT-03: FIRST_EXCEPTION returns at the first failure; with none, when all are done. */
  @Test
  void firstExceptionReturnsAtTheFirstFailure() {
    Virtual.run(firstException());
    assertEquals(
        List.of(0.1, Set.of("bad"), Set.of("good"), 0.2, Set.of("x", "y"), Set.of()), log);
  }

  @Async
  Coroutine<Void> withTimeout() {
    Task<Object> a = createTask(job(0.01, "a"), "a");
    Task<Object> b = createTask(job(0.5, "b"), "b");
    DoneAndPending<Task<Object>> r = Await.of(Asyncio.wait(List.of(a, b), 0.1));
    log.add(getRunningLoop().time());
    log.add(names(r.done()));
    log.add(names(r.pending()));
    log.add(b.cancelled());
    b.cancel();
    return done();
  }

  /** WAIT-04: a timeout neither raises nor cancels: it only says when to return. */
  @Test
  void aTimeoutReturnsWhatIsDoneWithoutCancelling() {
    Virtual.run(withTimeout());
    assertEquals(List.of(0.1, Set.of("a"), Set.of("b"), false), log);
  }

  @Async
  @SuppressWarnings({"unchecked", "rawtypes"})
  Coroutine<Void> argumentErrors() {
    try {
      Await.of(Asyncio.wait(Set.<Task<Void>>of()));
    } catch (IllegalArgumentException e) {
      log.add(e.getMessage());
    }
    Coroutine<Void> bare = sleep(0);
    try {
      Collection sneaky = List.of(bare);
      Await.of(Asyncio.wait(sneaky));
    } catch (IllegalArgumentException e) {
      log.add(e.getMessage());
    }
    Task<Void> t = createTask(sleep(0));
    try {
      Await.of(Asyncio.wait(List.of(t), (ReturnWhen) null));
    } catch (IllegalArgumentException e) {
      log.add(e.getMessage());
    }
    Await.of(bare);
    return done();
  }

  /**
   * WAIT-05: an empty collection, a coroutine (only possible through a raw type: the signature
   * refuses them), a missing return_when; Python's ValueError and TypeError are
   * IllegalArgumentException.
   */
  @Test
  void waitRefusesBadArguments() {
    Virtual.run(argumentErrors());
    assertEquals(
        List.of("Set of Tasks/Futures is empty.",
            "Passing coroutines is forbidden, use tasks explicitly.",
            "Invalid return_when value: null"),
        log);
  }

  @Async
  Coroutine<Void> completionOrder() {
    for (Coroutine<Object> next : asCompleted(List.of(job(0.03, "slow"), job(0.01, "fast"), job(0.02, "mid")))) {
      log.add(Await.of(next));
    }
    log.add(getRunningLoop().time());
    return done();
  }

  /** ASCOMP-01: as_completed gives the values in completion order. */
  @Test
  void asCompletedGivesValuesInCompletionOrder() {
    Virtual.run(completionOrder());
    assertEquals(List.of("fast", "mid", "slow", 0.03), log);
  }

  @Async
  Coroutine<Void> completionWithTimeout() {
    try {
      for (Coroutine<Object> next : asCompleted(List.of(job(0.01, "fast"), job(1, "slow")), 0.1)) {
        log.add(Await.of(next));
      }
    } catch (TimeoutError e) {
      log.add("TimeoutError at " + getRunningLoop().time());
    }
    return done();
  }

  /** ASCOMP-02: after the timeout, the next await raises TimeoutError. */
  @Test
  void asCompletedRaisesTimeoutErrorAfterItsDeadline() {
    Virtual.run(completionWithTimeout());
    assertEquals(List.of("fast", "TimeoutError at 0.1"), log);
  }

  @Async
  Coroutine<Void> failureInOrder() {
    for (Coroutine<Object> next : asCompleted(List.of(job(0.02, "ok"), job(0.01, new IllegalArgumentException("e"))))) {
      try {
        log.add(Await.of(next));
      } catch (IllegalArgumentException e) {
        log.add("IllegalArgumentException(" + e.getMessage() + ")");
      }
    }
    return done();
  }

  /** ASCOMP-03: a failure surfaces when its turn comes. */
  @Test
  void asCompletedThrowsAFailureInItsTurn() {
    Virtual.run(failureInOrder());
    assertEquals(List.of("IllegalArgumentException(e)", "ok"), log);
  }

  @Async
  Coroutine<Void> allCompletedConstant() {
    Task<Object> a = createTask(job(0, "a"));
    DoneAndPending<Task<Object>> r = Await.of(Asyncio.wait(List.of(a), 1, ALL_COMPLETED));
    log.add(r.done().contains(a));
    return done();
  }

  /** wait(fs, timeout, return_when) all at once. */
  @Test
  void waitTakesATimeoutAndAReturnWhenTogether() {
    Virtual.run(allCompletedConstant());
    assertEquals(List.of(true), log);
  }
}
