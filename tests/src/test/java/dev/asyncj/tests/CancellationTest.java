package dev.asyncj.tests;

import static dev.asyncj.Asyncio.RETURN_EXCEPTIONS;
import static dev.asyncj.Asyncio.createTask;
import static dev.asyncj.Asyncio.currentTask;
import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.gather;
import static dev.asyncj.Asyncio.getRunningLoop;
import static dev.asyncj.Asyncio.shield;
import static dev.asyncj.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncj.Async;
import dev.asyncj.Await;
import dev.asyncj.CancelledError;
import dev.asyncj.Coroutine;
import dev.asyncj.Future;
import dev.asyncj.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/**
 * Cancellation as asyncio does it: a {@link CancelledError} at the await where the task is
 * suspended, {@code cancelling()}/{@code uncancel()}, cancel before start, shield, and cancelling a
 * gather. Ports of the catalogue's CANCEL, SHIELD and GATHER cases and of CPython's test_tasks.py.
 */
class CancellationTest {
  final List<Object> log = new ArrayList<>();

  @Async
  Coroutine<Void> sleepsWithFinally() {
    log.add("before await");
    try {
      Await.of(sleep(1));
      log.add("after await (must not happen)");
    } finally {
      log.add("finally");
    }
    return done();
  }

  @Async
  Coroutine<Void> cancelSleeper() {
    Task<Void> t = createTask(sleepsWithFinally());
    Await.of(sleep(0.01));
    log.add("cancel() -> " + t.cancel());
    try {
      Await.of(t);
    } catch (CancelledError e) {
      log.add("awaiter got CancelledError; a CancellationException: " + (e instanceof CancellationException));
    }
    log.add(t.cancelled());
    log.add(t.done());
    log.add(getRunningLoop().time());
    return done();
  }

  /**
   * CANCEL-01: CancelledError is raised at the await; code before it ran, code after it did not,
   * finally runs. (Python's is a BaseException; asyncj's a CancellationException: see
   * CancelledError.)
   */
  @Test
  void cancelThrowsCancelledErrorAtTheAwaitAndFinallyRuns() {
    Virtual.run(cancelSleeper());
    assertEquals(
        List.of("before await", "cancel() -> true", "finally",
            "awaiter got CancelledError; a CancellationException: true", true, true, 0.01),
        log);
  }

  @Async
  Coroutine<String> swallows() {
    try {
      Await.of(sleep(1));
    } catch (CancelledError e) {
      return done("swallowed");
    }
    return done("not cancelled");
  }

  @Async
  Coroutine<Void> cancelSwallower() {
    Task<String> t = createTask(swallows());
    Await.of(sleep(0));
    t.cancel();
    log.add(Await.of(t));
    log.add(t.cancelled());
    log.add(t.cancelling());
    return done();
  }

  /** CANCEL-02: a task that swallows CancelledError completes with its value; cancelling() stays 1. */
  @Test
  void aTaskThatCatchesTheCancellationCompletesNormally() {
    Virtual.run(cancelSwallower());
    assertEquals(List.of("swallowed", false, 1), log);
  }

  @Async
  Coroutine<Void> cleansUpAsync() {
    try {
      Await.of(sleep(1));
    } finally {
      Await.of(sleep(0.02));
      log.add("async cleanup done");
    }
    return done();
  }

  @Async
  Coroutine<Void> cancelAsyncCleaner() {
    Task<Void> t = createTask(cleansUpAsync());
    Await.of(sleep(0));
    t.cancel();
    try {
      Await.of(t);
    } catch (CancelledError e) {
      log.add("canceller resumes");
    }
    log.add(getRunningLoop().time());
    return done();
  }

  /** CANCEL-03: a finally block may await while the task is being cancelled. */
  @Test
  void finallyMayAwaitDuringCancellation() {
    Virtual.run(cancelAsyncCleaner());
    assertEquals(List.of("async cleanup done", "canceller resumes", 0.02), log);
  }

  @Async
  Coroutine<Void> bodyAndFinally() {
    try {
      log.add("body");
    } finally {
      log.add("finally");
    }
    return done();
  }

  @Async
  Coroutine<Void> cancelBeforeStart() {
    Task<Void> t = createTask(bodyAndFinally());
    boolean accepted = t.cancel();
    boolean cancelledRightAfter = t.cancelled();
    try {
      Await.of(t);
    } catch (CancelledError expected) {
      // the task never ran
    }
    log.add(0, cancelledRightAfter);
    log.add(0, accepted);
    log.add(t.cancelled());
    return done();
  }

  /** CANCEL-04: cancelled before it ever ran, the body does not run at all, not even finally. */
  @Test
  void aTaskCancelledBeforeItStartsRunsNothing() {
    Virtual.run(cancelBeforeStart());
    assertEquals(List.of(true, false, true), log);
  }

  @Async
  Coroutine<Void> cancelCounts() {
    Task<Void> t = createTask(sleep(1));
    Await.of(sleep(0));
    log.add(t.cancel());
    log.add(t.cancel());
    log.add(t.cancelling());
    try {
      Await.of(t);
    } catch (CancelledError expected) {
      // cancelled
    }
    log.add(t.cancel());
    Task<Void> d = createTask(sleep(0));
    Await.of(d);
    log.add(d.cancel());
    log.add(d.cancelled());
    return done();
  }

  /** CANCEL-05: cancel() counts requests; on a done task it returns false. */
  @Test
  void cancelCountsRequests_andRefusesADoneTask() {
    Virtual.run(cancelCounts());
    assertEquals(List.of(true, true, 2, false, false, false), log);
  }

  @Async
  Coroutine<Void> reportsMessage() {
    try {
      Await.of(sleep(1));
    } catch (CancelledError e) {
      log.add("inside: " + e.getMessage());
      throw e;
    }
    return done();
  }

  @Async
  Coroutine<Void> cancelWithMessage() {
    Task<Void> t = createTask(reportsMessage());
    Await.of(sleep(0));
    t.cancel("bye");
    try {
      Await.of(t);
    } catch (CancelledError e) {
      log.add("outside: " + e.getMessage());
    }
    return done();
  }

  /** CANCEL-06: cancel(msg): the message reaches the CancelledError inside and outside. */
  @Test
  void theCancelMessageReachesBothSides() {
    Virtual.run(cancelWithMessage());
    assertEquals(List.of("inside: bye", "outside: bye"), log);
  }

  @Async
  Coroutine<String> survives() {
    try {
      Await.of(sleep(1));
    } catch (CancelledError e) {
      Task<?> me = currentTask();
      log.add(me.cancelling());
      log.add(me.uncancel());
      log.add(me.cancelling());
    }
    Await.of(sleep(0.01));
    return done("survived");
  }

  @Async
  Coroutine<Void> uncancelled() {
    Task<String> t = createTask(survives());
    Await.of(sleep(0));
    t.cancel();
    log.add(Await.of(t));
    log.add(t.cancelled());
    return done();
  }

  /** CANCEL-07: uncancel() withdraws a request; the task goes on and returns its value. */
  @Test
  void uncancelWithdrawsTheRequest() {
    Virtual.run(uncancelled());
    assertEquals(List.of(1, 0, 0, "survived", false), log);
  }

  @Async
  Coroutine<Void> awaitTask(Task<?> inner) {
    Await.of(inner);
    return done();
  }

  @Async
  Coroutine<Void> cancelOuter() {
    Task<Void> inner = createTask(sleep(1));
    Task<Void> outer = createTask(awaitTask(inner));
    Await.of(sleep(0.01));
    outer.cancel();
    try {
      Await.of(outer);
    } catch (CancelledError expected) {
      // cancelled
    }
    log.add(outer.cancelled());
    log.add(inner.cancelled());
    return done();
  }

  /** CANCEL-08: cancelling a task that awaits another task cancels the awaited task too. */
  @Test
  void cancellingATaskCancelsTheTaskItAwaits() {
    Virtual.run(cancelOuter());
    assertEquals(List.of(true, true), log);
  }

  @Async
  Coroutine<Void> cancelsItself() {
    currentTask().cancel();
    log.add("still running after self-cancel");
    try {
      Await.of(sleep(0));
    } catch (CancelledError e) {
      log.add("CancelledError at next await");
      throw e;
    }
    return done();
  }

  @Async
  Coroutine<Void> selfCancel() {
    Task<Void> t = createTask(cancelsItself());
    try {
      Await.of(t);
    } catch (CancelledError expected) {
      // cancelled
    }
    log.add(t.cancelled());
    return done();
  }

  /** CANCEL-09: a task that cancels itself runs on until its next await, which raises. */
  @Test
  void aTaskCancellingItselfStopsAtItsNextAwait() {
    Virtual.run(selfCancel());
    assertEquals(List.of("still running after self-cancel", "CancelledError at next await", true), log);
  }

  @Async
  Coroutine<Integer> cancelsItselfThenReturns() {
    currentTask().cancel();
    return done(1);
  }

  @Async
  Coroutine<Void> selfCancelNoAwait() {
    Task<Integer> t = createTask(cancelsItselfThenReturns());
    try {
      log.add(Await.of(t));
    } catch (CancelledError expected) {
      log.add("cancelled");
    }
    log.add(t.cancelled());
    return done();
  }

  /** test_tasks.py test_cancel_at_end: cancelled right before it returns, the task ends cancelled. */
  @Test
  void aTaskCancelledJustBeforeItReturnsEndsCancelled() {
    Virtual.run(selfCancelNoAwait());
    assertEquals(List.of("cancelled", true), log);
  }

  @Async
  Coroutine<Void> victimAndWaiter() {
    Task<Void> victim = createTask(sleep(1));
    Task<Void> waiter = createTask(awaitTask(victim));
    Await.of(sleep(0));
    victim.cancel();
    Await.of(sleep(0.01));
    log.add(victim.cancelled());
    log.add(waiter.cancelled());
    log.add(waiter.cancelling());
    return done();
  }

  /** CANCEL-10: the awaiter of a task cancelled elsewhere ends cancelled, with cancelling() 0. */
  @Test
  void theAwaiterOfACancelledTaskEndsCancelledToo() {
    Virtual.run(victimAndWaiter());
    assertEquals(List.of(true, true, 0), log);
  }

  @Async
  Coroutine<String> inner() {
    Await.of(sleep(0.05));
    log.add("inner finished");
    return done("inner-result");
  }

  @Async
  Coroutine<String> shielded(Task<String> it) {
    return done(Await.of(shield(it)));
  }

  @Async
  Coroutine<Void> shieldEffect() {
    Task<String> it = createTask(inner());
    Task<String> o = createTask(shielded(it));
    Await.of(sleep(0.01));
    o.cancel();
    try {
      Await.of(o);
    } catch (CancelledError e) {
      log.add("outer CancelledError");
    }
    log.add(it.cancelled());
    log.add(Await.of(it));
    return done();
  }

  /** SHIELD-01: cancelling the awaiter of shield() does not cancel the inner task. */
  @Test
  void shieldKeepsTheInnerTaskRunning() {
    Virtual.run(shieldEffect());
    assertEquals(List.of("outer CancelledError", false, "inner finished", "inner-result"), log);
  }

  @Async
  Coroutine<Void> shieldInnerCancelled() {
    Task<Void> it = createTask(sleep(1));
    Future<Void> s = shield(it);
    Await.of(sleep(0));
    it.cancel();
    try {
      Await.of(s);
    } catch (CancelledError e) {
      log.add(s.cancelled());
    }
    Future<Integer> f = getRunningLoop().createFuture();
    f.setResult(7);
    log.add(shield(f) == f);
    return done();
  }

  /** SHIELD-02: if the inner is cancelled the shield is too; a done future is its own shield. */
  @Test
  void shieldFollowsACancelledInner_andReturnsADoneFutureItself() {
    Virtual.run(shieldInnerCancelled());
    assertEquals(List.of(true, true), log);
  }

  @Async
  Coroutine<Void> cancelGather() {
    Task<Void> a = createTask(sleep(1));
    Task<Void> b = createTask(sleep(1));
    Future<List<Void>> g = gather(a, b);
    Await.of(sleep(0));
    log.add(g.cancel());
    try {
      Await.of(g);
    } catch (CancelledError e) {
      log.add("CancelledError");
    }
    log.add(a.cancelled());
    log.add(b.cancelled());
    return done();
  }

  /** GATHER-04: cancelling the gather cancels its children. */
  @Test
  void cancellingAGatherCancelsItsChildren() {
    Virtual.run(cancelGather());
    assertEquals(List.of(true, "CancelledError", true, true), log);
  }

  @Async
  Coroutine<String> after(double delay, String value) {
    Await.of(sleep(delay));
    return done(value);
  }

  @Async
  Coroutine<Void> childCancelledAlone() {
    Task<String> a = createTask(after(0.1, "a"));
    Task<String> b = createTask(after(0.1, "b"));
    Await.of(sleep(0));
    b.cancel();
    try {
      Await.of(gather(a, b));
    } catch (CancelledError e) {
      log.add("CancelledError while a.done() = " + a.done() + ", a.cancelled() = " + a.cancelled());
    }
    Task<String> c = createTask(after(0.1, "c"));
    Task<String> d = createTask(after(0.1, "d"));
    Await.of(sleep(0));
    d.cancel();
    List<Object> results = Await.of(gather(RETURN_EXCEPTIONS, c, d));
    log.add(results.get(0));
    log.add(results.get(1).getClass().getSimpleName());
    Await.of(a);
    return done();
  }

  /** GATHER-06: a child cancelled on its own: gather raises CancelledError, or lists it. */
  @Test
  void aChildCancelledOnItsOwnFailsTheGather_orIsListed() {
    Virtual.run(childCancelledAlone());
    assertEquals(
        List.of("CancelledError while a.done() = false, a.cancelled() = false", "c", "CancelledError"),
        log);
  }

  @Async
  Coroutine<Void> child(int i) {
    try {
      Await.of(sleep(1));
    } catch (CancelledError e) {
      log.add("child" + i + " cancelled");
      throw e;
    }
    return done();
  }

  @Async
  Coroutine<Void> parentOfGather() {
    try {
      Await.of(gather(child(1), child(2)));
    } catch (CancelledError e) {
      log.add("parent CancelledError");
      throw e;
    }
    return done();
  }

  @Async
  Coroutine<Void> cancelParentOfGather() {
    Task<Void> parent = createTask(parentOfGather());
    Await.of(sleep(0.01));
    parent.cancel();
    try {
      Await.of(parent);
    } catch (CancelledError expected) {
      // cancelled
    }
    log.add(parent.cancelled());
    return done();
  }

  /** GATHER-08: cancelling the task that awaits a gather cancels the gather and its children. */
  @Test
  void cancellingTheAwaiterOfAGatherCancelsTheChildren() {
    Virtual.run(cancelParentOfGather());
    assertEquals(List.of("child1 cancelled", "child2 cancelled", "parent CancelledError", true), log);
  }

  @Async
  Coroutine<Void> catchAll() {
    try {
      Await.of(sleep(1));
    } catch (Exception e) {
      log.add("catch (Exception) saw " + e.getClass().getSimpleName());
    }
    return done();
  }

  @Async
  Coroutine<Void> cancelCatchAll() {
    Task<Void> t = createTask(catchAll());
    Await.of(sleep(0));
    t.cancel();
    Await.of(t);
    log.add(t.cancelled());
    return done();
  }

  /**
   * The documented difference from Python: CancelledError is unchecked, so {@code catch
   * (Exception e)} catches it (Python's {@code except Exception} does not), and the task then ends
   * normally.
   */
  @Test
  void catchExceptionCatchesTheCancellation_unlikePython() {
    Virtual.run(cancelCatchAll());
    assertEquals(List.of("catch (Exception) saw CancelledError", false), log);
  }

  @Async
  Coroutine<Void> cancelWhileAwaitingFuture() {
    Future<String> f = getRunningLoop().createFuture();
    Task<String> t = createTask(awaitFuture(f));
    Await.of(sleep(0));
    t.cancel("stop");
    try {
      Await.of(t);
    } catch (CancelledError e) {
      log.add(e.getMessage());
    }
    log.add(f.cancelled());
    log.add(Arrays.asList(t.cancelled(), t.done()));
    return done();
  }

  @Async
  Coroutine<String> awaitFuture(Future<String> f) {
    return done(Await.of(f));
  }

  /** test_tasks.py test_cancel_yield / test_cancel_inner_future: the awaited future is cancelled. */
  @Test
  void cancellingATaskCancelsTheFutureItAwaits() {
    Virtual.run(cancelWhileAwaitingFuture());
    assertEquals(List.of("stop", true, List.of(true, true)), log);
  }

  /** The repr of a task with a cancellation pending says so, as Python's does. */
  @Test
  void aTaskWithACancellationPendingReadsCancelling() {
    String[] repr = new String[1];
    Virtual.run(reprWhileCancelling(repr));
    assertTrue(repr[0].startsWith("<Task cancelling name="), repr[0]);
  }

  @Async
  Coroutine<Void> reprWhileCancelling(String[] repr) {
    Task<Void> t = createTask(sleep(0));
    t.cancel();
    repr[0] = t.toString();
    try {
      Await.of(t);
    } catch (CancelledError expected) {
      // cancelled
    }
    return done();
  }
}
