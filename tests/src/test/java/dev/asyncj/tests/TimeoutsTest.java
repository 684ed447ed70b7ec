package dev.asyncj.tests;

import static dev.asyncj.Asyncio.createTask;
import static dev.asyncj.Asyncio.currentTask;
import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.getRunningLoop;
import static dev.asyncj.Asyncio.sleep;
import static dev.asyncj.Asyncio.timeout;
import static dev.asyncj.Asyncio.timeoutAt;
import static dev.asyncj.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asyncj.Async;
import dev.asyncj.Await;
import dev.asyncj.CancelledError;
import dev.asyncj.Coroutine;
import dev.asyncj.Future;
import dev.asyncj.Task;
import dev.asyncj.Timeout;
import dev.asyncj.TimeoutError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code waitFor} and {@code timeout}: the work is cancelled at the deadline, the caller sees
 * {@link TimeoutError}, and only the cancellations a deadline caused are converted. Ports of the
 * catalogue's TIMEOUT cases and of CPython's test_waitfor.py and test_timeouts.py.
 */
class TimeoutsTest {
  final List<Object> log = new ArrayList<>();

  @Async
  Coroutine<Void> innerWithCleanup() {
    try {
      Await.of(sleep(1));
    } catch (CancelledError e) {
      log.add("inner CancelledError");
      throw e;
    } finally {
      log.add("inner finally");
    }
    return done();
  }

  @Async
  Coroutine<Void> waitForExpires() {
    try {
      Await.of(waitFor(innerWithCleanup(), 0.1));
    } catch (TimeoutError e) {
      log.add("TimeoutError caused by " + e.getCause().getClass().getSimpleName());
    }
    log.add(getRunningLoop().time());
    return done();
  }

  /**
   * TIMEOUT-01: wait_for expiry: the inner work is cancelled, and its cleanup finishes before
   * TimeoutError is raised, at 0.1 s.
   */
  @Test
  void waitForCancelsTheWorkAndWaitsForItBeforeRaising() {
    Virtual.run(waitForExpires());
    assertEquals(
        List.of("inner CancelledError", "inner finally", "TimeoutError caused by CancelledError", 0.1),
        log);
  }

  @Async
  Coroutine<Void> waitForInTime() {
    log.add(Await.of(waitFor(sleep(0.01, "ok"), 1)));
    log.add(Await.of(waitFor(sleep(0.01, "none"), (Double) null)));
    log.add(getRunningLoop().time());
    return done();
  }

  /** TIMEOUT-02: in time, wait_for gives the value; a null timeout waits as long as it takes. */
  @Test
  void waitForInTimeGivesTheValue() {
    Virtual.run(waitForInTime());
    assertEquals(List.of("ok", "none", 0.02), log);
  }

  @Async
  Coroutine<Integer> body() {
    log.add("body started");
    return done(1);
  }

  @Async
  Coroutine<Void> waitForZero() {
    for (double t : new double[] {0, -1}) {
      try {
        Await.of(waitFor(body(), t));
      } catch (TimeoutError e) {
        log.add("TimeoutError for timeout=" + t);
      }
    }
    return done();
  }

  /** TIMEOUT-03: with a timeout of 0 or less, a coroutine never starts. */
  @Test
  void waitForWithNoTimeLeftNeverStartsTheCoroutine() {
    Virtual.run(waitForZero());
    assertEquals(List.of("TimeoutError for timeout=0.0", "TimeoutError for timeout=-1.0"), log);
  }

  @Async
  Coroutine<String> waitForDoneFuture() {
    Future<String> f = getRunningLoop().createFuture();
    f.setResult("done");
    return done(Await.of(waitFor(f, 0)));
  }

  /** TIMEOUT-04: wait_for(done future, 0) gives its result. */
  @Test
  void waitForADoneFutureGivesItsResultEvenWithoutTime() {
    assertEquals("done", Virtual.run(waitForDoneFuture()));
  }

  @Async
  Coroutine<Void> bad() {
    Await.of(sleep(0));
    throw new IllegalArgumentException("inner");
  }

  @Async
  Coroutine<Void> waitForOutcomes() {
    try {
      Await.of(waitFor(bad(), 1));
    } catch (IllegalArgumentException e) {
      log.add("IllegalArgumentException: " + e.getMessage());
    }
    Task<Void> inner = createTask(sleep(10));
    Task<Void> outer = createTask(waitFor(inner, 5));
    Await.of(sleep(0.01));
    outer.cancel();
    try {
      Await.of(outer);
    } catch (CancelledError e) {
      log.add("outer CancelledError; inner.cancelled(): " + inner.cancelled());
    }
    return done();
  }

  /** TIMEOUT-05: the inner exception passes unchanged; cancelling the caller cancels the inner. */
  @Test
  void waitForPassesFailuresOn_andCancelsTheWorkWhenCancelled() {
    Virtual.run(waitForOutcomes());
    assertEquals(
        List.of("IllegalArgumentException: inner", "outer CancelledError; inner.cancelled(): true"),
        log);
  }

  @Async
  Coroutine<Void> sleepsLong() {
    try {
      Await.of(sleep(1));
    } catch (CancelledError e) {
      log.add("inside: CancelledError");
      throw e;
    }
    return done();
  }

  @Async
  Coroutine<Void> timeoutBlock() {
    Timeout cm = timeout(0.1);
    try {
      Await.of(cm.run(sleepsLong()));
    } catch (TimeoutError e) {
      log.add("outside: TimeoutError cause=" + e.getCause().getClass().getSimpleName());
    }
    log.add(cm.expired());
    log.add(getRunningLoop().time());
    log.add(currentTask().cancelling());
    return done();
  }

  /**
   * TIMEOUT-06: {@code async with timeout(0.1)}: CancelledError inside, TimeoutError (caused by
   * it) outside, expired(), and the task's cancellation withdrawn.
   */
  @Test
  void aTimeoutCancelsTheWorkAndRaisesTimeoutErrorOutside() {
    Virtual.run(timeoutBlock());
    assertEquals(
        List.of("inside: CancelledError", "outside: TimeoutError cause=CancelledError", true, 0.1, 0),
        log);
  }

  @Async
  Coroutine<Void> timeoutZero() {
    for (double d : new double[] {0, -10}) {
      try {
        Await.of(timeout(d, sleep(0)));
        log.add(d + " no timeout");
      } catch (TimeoutError e) {
        log.add(d + " TimeoutError");
      }
    }
    return done();
  }

  /** TIMEOUT-07: a timeout of 0 or in the past expires even around sleep(0). */
  @Test
  void aTimeoutAlreadyPastExpiresAtTheFirstAwait() {
    Virtual.run(timeoutZero());
    assertEquals(List.of("0.0 TimeoutError", "-10.0 TimeoutError"), log);
  }

  @Async
  Coroutine<Void> sleepsAfterRescheduling(Timeout cm) {
    cm.reschedule(getRunningLoop().time() + 0.1);
    Await.of(sleep(1));
    return done();
  }

  @Async
  Coroutine<Void> timeoutNotReached() {
    Timeout cm = timeout(1);
    Await.of(cm.run(sleep(0.01)));
    log.add("not reached, expired(): " + cm.expired());
    Timeout cm2 = timeout((Double) null);
    log.add(cm2.when());
    try {
      Await.of(cm2.run(sleepsAfterRescheduling(cm2)));
    } catch (TimeoutError e) {
      log.add("rescheduled -> TimeoutError at " + getRunningLoop().time());
    }
    return done();
  }

  /** TIMEOUT-08: not reached: no error; a disabled timeout armed later with reschedule(). */
  @Test
  void aTimeoutNotReachedDoesNothing_andRescheduleArmsOne() {
    Virtual.run(timeoutNotReached());
    assertEquals(
        java.util.Arrays.asList("not reached, expired(): false", null,
            "rescheduled -> TimeoutError at 0.11"),
        log);
  }

  @Async
  Coroutine<Void> innerTimeout(Timeout outer) {
    Timeout inner = timeout(0.05);
    try {
      Await.of(inner.run(sleep(1)));
    } catch (TimeoutError e) {
      log.add("inner TimeoutError; inner.expired() " + inner.expired() + " outer.expired() " + outer.expired());
    }
    Await.of(sleep(0.01));
    log.add("outer body continues");
    return done();
  }

  @Async
  Coroutine<Void> nestedTimeouts() {
    Timeout outer = timeout(1);
    Await.of(outer.run(innerTimeout(outer)));
    log.add(outer.expired());
    return done();
  }

  /** TIMEOUT-09: nested timeouts: only the inner one that expires raises; the outer goes on. */
  @Test
  void nestedTimeoutsRaiseOnlyTheOneThatExpired() {
    Virtual.run(nestedTimeouts());
    assertEquals(
        List.of("inner TimeoutError; inner.expired() true outer.expired() false",
            "outer body continues", false),
        log);
  }

  @Async
  Coroutine<Void> bodyUnderLongTimeout() {
    Await.of(timeout(10, sleep(1)));
    return done();
  }

  @Async
  Coroutine<Void> foreignCancel() {
    Task<Void> t = createTask(bodyUnderLongTimeout());
    Await.of(sleep(0.01));
    t.cancel();
    try {
      Await.of(t);
    } catch (CancelledError e) {
      log.add("CancelledError (not TimeoutError); t.cancelled(): " + t.cancelled());
    } catch (TimeoutError e) {
      log.add("TimeoutError: wrong");
    }
    return done();
  }

  /** TIMEOUT-10: a cancel from elsewhere inside a timeout stays a CancelledError. */
  @Test
  void aForeignCancelInsideATimeoutIsNotATimeout() {
    Virtual.run(foreignCancel());
    assertEquals(List.of("CancelledError (not TimeoutError); t.cancelled(): true"), log);
  }

  @Async
  Coroutine<Void> expiredAndForeign(Timeout cm) {
    try {
      Await.of(sleep(1));
    } finally {
      // The deadline has cancelled us; a foreign cancel arrives while we clean up.
      currentTask().cancel();
      Await.of(sleep(0));
    }
    return done();
  }

  @Async
  Coroutine<Void> bothCancels() {
    Timeout cm = timeout(0.1);
    try {
      Await.of(cm.run(expiredAndForeign(cm)));
      log.add("no error");
    } catch (TimeoutError e) {
      log.add("TimeoutError");
    } catch (CancelledError e) {
      log.add("CancelledError");
    }
    return done();
  }

  @Async
  Coroutine<Void> runBothCancels() {
    Task<Void> t = createTask(bothCancels());
    try {
      Await.of(t);
    } catch (CancelledError e) {
      log.add("task cancelled");
    }
    return done();
  }

  /**
   * test_timeouts.py test_cancel_in_timeout_after_cancellation_handled family: when another cancel
   * request comes on top of the deadline's, the timeout leaves the CancelledError as it is.
   */
  @Test
  void aDeadlinePlusAForeignCancelStaysACancellation() {
    Virtual.run(runBothCancels());
    assertEquals(List.of("CancelledError"), log);
  }

  @Async
  Coroutine<Void> reprs() {
    Timeout cm = timeoutAt(getRunningLoop().time() + 10);
    log.add(cm.toString());
    Await.of(cm.run(reprInside(cm)));
    log.add(cm.toString());
    try {
      cm.reschedule(1.0);
    } catch (IllegalStateException e) {
      log.add(e.getMessage());
    }
    try {
      Await.of(cm.run(sleep(0)));
    } catch (IllegalStateException e) {
      log.add(e.getMessage());
    }
    try {
      timeout(1).reschedule(2);
    } catch (IllegalStateException e) {
      log.add(e.getMessage());
    }
    return done();
  }

  @Async
  Coroutine<Void> reprInside(Timeout cm) {
    log.add(cm.toString());
    return done();
  }

  /** test_timeouts.py test_repr_*: state in the repr; misuse names the state. */
  @Test
  void aTimeoutReadsItsStateAndRefusesMisuse() {
    Virtual.run(reprs());
    assertEquals(
        List.of("<Timeout [created]>", "<Timeout [active] when=10.0>", "<Timeout [finished]>",
            "Cannot change state of finished Timeout", "Timeout has already been entered",
            "Timeout has not been entered"),
        log);
  }

  @Async
  Coroutine<Integer> valueThroughTimeout() {
    return done(Await.of(timeout(1, oneLater())));
  }

  @Async
  Coroutine<Integer> oneLater() {
    Await.of(sleep(0.5));
    return done(1);
  }

  /** A timeout not reached gives the work's value. */
  @Test
  void aTimeoutGivesTheValueOfTheWork() {
    assertEquals(1, Virtual.run(valueThroughTimeout()));
  }

  @Async
  Coroutine<String> swallowsCancellation() {
    try {
      Await.of(sleep(1));
    } catch (CancelledError e) {
      return done("swallowed");
    }
    return done("slept");
  }

  @Async
  Coroutine<String> raisesWhenCancelled() {
    try {
      Await.of(sleep(1));
    } catch (CancelledError e) {
      throw new ArithmeticException("during cancellation");
    }
    return done("slept");
  }

  @Async
  Coroutine<Void> waitForInnerNotCancelled() {
    log.add(Await.of(waitFor(swallowsCancellation(), 0.1)));
    try {
      Await.of(waitFor(raisesWhenCancelled(), 0.1));
    } catch (ArithmeticException e) {
      log.add(e.getMessage());
    }
    return done();
  }

  /**
   * test_waitfor.py test_wait_for_reraises_exception_during_cancellation and the 3.11 behaviour
   * when the inner swallows the cancellation: wait_for gives what the inner ended with.
   */
  @Test
  void waitForGivesWhatTheInnerEndedWithWhenItResistsCancellation() {
    Virtual.run(waitForInnerNotCancelled());
    assertEquals(List.of("swallowed", "during cancellation"), log);
  }

  @Async
  Coroutine<Void> manyCancelledTimers() {
    for (int i = 0; i < 1000; i++) {
      Await.of(waitFor(sleep(0, i), 60));
    }
    log.add(getRunningLoop().time());
    return done();
  }

  /** Timeouts that nearly always are cancelled do not pile up or slow the loop (heap purge). */
  @Test
  void thousandsOfCancelledDeadlinesCostNothing() {
    Virtual.run(manyCancelledTimers());
    assertEquals(List.of(0.0), log);
  }
}
