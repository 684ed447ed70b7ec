package dev.asyncj.tests;

import static dev.asyncj.Asyncio.createTask;
import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.gather;
import static dev.asyncj.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asyncj.Async;
import dev.asyncj.Await;
import dev.asyncj.BoundedSemaphore;
import dev.asyncj.CancelledError;
import dev.asyncj.Condition;
import dev.asyncj.Coroutine;
import dev.asyncj.Event;
import dev.asyncj.Lock;
import dev.asyncj.Semaphore;
import dev.asyncj.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Lock}, {@link Event}, {@link Condition}, {@link Semaphore}, {@link BoundedSemaphore}:
 * waiters served first in, first out; misuse refused with Python's messages. Ports of the
 * catalogue's LOCK, EVENT, SEM and COND cases and of CPython's test_locks.py.
 */
class LocksTest {
  final List<Object> log = new ArrayList<>();
  final Lock lock = new Lock();
  final Event event = new Event();
  final Condition cond = new Condition();
  final Semaphore sem = new Semaphore(2);
  int active;
  int maxActive;
  int counter;

  @Async
  Coroutine<Void> holder(String name) {
    try (lock) { // async with lock:
      log.add(name + " in");
      Await.of(sleep(0.01));
      log.add(name + " out");
    }
    return done();
  }

  @Async
  Coroutine<Void> otherRan() {
    log.add("other ran");
    return done();
  }

  @Async
  Coroutine<Void> fifoLock() {
    Await.of(lock.acquire());
    List<Task<Void>> ts = List.of(createTask(holder("A")), createTask(holder("B")), createTask(holder("C")));
    Await.of(sleep(0.01));
    log.add("locked(): " + lock.locked());
    lock.release();
    Await.of(gather(ts));
    Task<Void> other = createTask(otherRan());
    try (lock) { // async with lock:
      log.add("main acquired uncontended lock without yielding");
    }
    Await.of(other);
    return done();
  }

  /** LOCK-01: waiters get the lock in FIFO order; a free lock is taken without yielding. */
  @Test
  void aLockServesWaitersInOrder_andAFreeOneDoesNotYield() {
    Virtual.run(fifoLock());
    assertEquals(
        List.of("locked(): true", "A in", "A out", "B in", "B out", "C in", "C out",
            "main acquired uncontended lock without yielding", "other ran"),
        log);
  }

  @Async
  Coroutine<Void> grab(String name) {
    try (lock) { // async with lock:
      log.add(name);
    }
    return done();
  }

  @Async
  Coroutine<Void> cancelledWaiter() {
    try {
      lock.release();
    } catch (IllegalStateException e) {
      log.add(e.getMessage());
    }
    Await.of(lock.acquire());
    Task<Void> a = createTask(grab("A"));
    Task<Void> b = createTask(grab("B"));
    Await.of(sleep(0));
    a.cancel();
    Await.of(sleep(0));
    lock.release();
    Await.of(sleep(0.01));
    log.add(a.cancelled());
    log.add(b.done());
    return done();
  }

  /** LOCK-02: releasing an unlocked lock fails; a cancelled waiter is skipped. */
  @Test
  void aLockRefusesAnExtraRelease_andSkipsACancelledWaiter() {
    Virtual.run(cancelledWaiter());
    assertEquals(List.of("Lock is not acquired.", "B", true, true), log);
  }

  @Async
  Coroutine<Void> lockWakesNextWhenWokenWaiterIsCancelled() {
    Await.of(lock.acquire());
    Task<Void> a = createTask(grab("A"));
    Task<Void> b = createTask(grab("B"));
    Await.of(sleep(0));
    lock.release(); // A is woken...
    a.cancel(); // ...but cancelled before it runs: B must get the lock
    Await.of(sleep(0.01));
    log.add(a.cancelled());
    log.add(lock.locked());
    return done();
  }

  /** test_locks.py test_cancel_release_race family: a woken waiter cancelled passes the lock on. */
  @Test
  void aWokenWaiterThatIsCancelledPassesTheLockOn() {
    Virtual.run(lockWakesNextWhenWokenWaiterIsCancelled());
    assertEquals(List.of("B", true, false), log);
  }

  @Async
  Coroutine<Void> eventWaiter(String name) {
    boolean r = Await.of(event.await());
    log.add(name + " " + r);
    return done();
  }

  @Async
  Coroutine<Void> eventCase() {
    List<Task<Void>> ts = List.of(createTask(eventWaiter("w1")), createTask(eventWaiter("w2")), createTask(eventWaiter("w3")));
    Await.of(sleep(0.01));
    log.add("nobody woke yet: " + log.isEmpty());
    log.add(event.toString());
    event.set();
    Await.of(gather(ts));
    log.add("already set -> " + Await.of(event.await()));
    event.clear();
    log.add("is_set after clear: " + event.isSet());
    return done();
  }

  /** EVENT-01: set() wakes every waiter in order; waiting on a set event returns at once. */
  @Test
  void anEventWakesAllWaitersInOrder() {
    Virtual.run(eventCase());
    assertEquals(
        List.of("nobody woke yet: true", "<Event [unset, waiters:3]>", "w1 true", "w2 true",
            "w3 true", "already set -> true", "is_set after clear: false"),
        log);
  }

  @Async
  Coroutine<Void> limited(int n) {
    try (sem) { // async with sem:
      log.add(n);
      active++;
      maxActive = Math.max(maxActive, active);
      Await.of(sleep(0.01));
      active--;
    }
    return done();
  }

  @Async
  Coroutine<Void> semaphores() {
    List<Coroutine<Void>> workers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      workers.add(limited(i));
    }
    Await.of(gather(workers));
    log.add("max concurrent: " + maxActive);
    BoundedSemaphore b = new BoundedSemaphore(1);
    try {
      b.release();
    } catch (IllegalArgumentException e) {
      log.add(e.getMessage());
    }
    Semaphore s = new Semaphore(0);
    s.release();
    s.release();
    log.add("plain Semaphore may exceed initial value: " + s.value());
    return done();
  }

  /**
   * SEM-01: a semaphore limits concurrency, admits waiters in order; a bounded one refuses an extra
   * release (Python's ValueError: IllegalArgumentException).
   */
  @Test
  void aSemaphoreLimitsConcurrencyInOrder() {
    Virtual.run(semaphores());
    assertEquals(
        List.of(0, 1, 2, 3, 4, 5, "max concurrent: 2", "BoundedSemaphore released too many times",
            "plain Semaphore may exceed initial value: 2"),
        log);
  }

  /** test_locks.py SemaphoreTests.test_initial_value_zero / test_semaphore_value: bad values. */
  @Test
  void aSemaphoreRefusesANegativeValue() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
    assertEquals("Semaphore initial value must be >= 0", e.getMessage());
  }

  @Async
  Coroutine<Void> condWaiter(String name) {
    try (cond) { // async with cond:
      Await.of(cond.await());
      log.add(name);
    }
    return done();
  }

  @Async
  Coroutine<Void> conditions() {
    List<Task<Void>> ts = List.of(createTask(condWaiter("c1")), createTask(condWaiter("c2")), createTask(condWaiter("c3")));
    Await.of(sleep(0));
    try (cond) { // async with cond:
      cond.signal(1);
    }
    Await.of(sleep(0.01));
    log.add("|");
    try (cond) { // async with cond:
      cond.signalAll();
    }
    Await.of(gather(ts));
    try {
      Await.of(cond.await());
    } catch (IllegalStateException e) {
      log.add("IllegalStateException: " + e.getMessage());
    }
    try {
      cond.signal();
    } catch (IllegalStateException e) {
      log.add("IllegalStateException: " + e.getMessage());
    }
    return done();
  }

  /**
   * COND-01: signal(1) (notify) wakes the longest waiter; signalAll (notify_all) the rest, in
   * order; waiting without the lock fails.
   */
  @Test
  void aConditionWakesWaitersInOrder() {
    Virtual.run(conditions());
    assertEquals(
        List.of("c1", "|", "c2", "c3", "IllegalStateException: cannot wait on un-acquired lock",
            "IllegalStateException: cannot notify on un-acquired lock"),
        log);
  }

  @Async
  Coroutine<Void> bump() {
    for (int i = 0; i < 3; i++) {
      Await.of(sleep(0.01));
      try (cond) { // async with cond:
        counter++;
        cond.signalAll();
      }
    }
    return done();
  }

  @Async
  Coroutine<Void> waitForPredicate() {
    Task<Void> t = createTask(bump());
    String r;
    try (cond) { // async with cond:
      r = Await.of(cond.waitFor(() -> counter >= 3 ? "ready" : null));
    }
    Await.of(t);
    log.add(r);
    log.add(counter);
    return done();
  }

  /** COND-02: waitFor(predicate) gives the predicate's value once it is truthy. */
  @Test
  void waitForGivesThePredicatesValue() {
    Virtual.run(waitForPredicate());
    assertEquals(List.of("ready", 3), log);
  }

  @Async
  Coroutine<Void> condWaiterCancelled() {
    Task<Void> t = createTask(condWaiter("never"));
    Await.of(sleep(0));
    t.cancel();
    try {
      Await.of(t);
    } catch (CancelledError e) {
      log.add("cancelled");
    }
    log.add(cond.locked());
    return done();
  }

  /**
   * test_locks.py ConditionTests.test_wait_cancel: a waiter cancelled takes the lock back before
   * it leaves (and its try-with-resources releases it).
   */
  @Test
  void aCancelledConditionWaiterTakesTheLockBackThenReleasesIt() {
    Virtual.run(condWaiterCancelled());
    assertEquals(List.of("cancelled", false), log);
  }

  @Async
  Coroutine<Void> clearRightAfterSet() {
    List<Task<Void>> ts = List.of(createTask(eventWaiter("w1")), createTask(eventWaiter("w2")));
    Await.of(sleep(0));
    event.set();
    event.clear();
    log.add("is_set: " + event.isSet());
    Await.of(gather(ts));
    return done();
  }

  /** test_locks.py EventTests.test_clear_with_waiters: waiters woken by set() wake even if cleared. */
  @Test
  void waitersWokenBySetWakeEvenIfClearedAtOnce() {
    Virtual.run(clearRightAfterSet());
    assertEquals(List.of("is_set: false", "w1 true", "w2 true"), log);
  }

  @Async
  Coroutine<Void> semaphoreAcquireCancelled() {
    Semaphore one = new Semaphore(1);
    Await.of(one.acquire());
    Task<Boolean> a = createTask(one.acquire());
    Task<Boolean> b = createTask(one.acquire());
    Await.of(sleep(0));
    a.cancel();
    one.release();
    Await.of(sleep(0.01));
    log.add(a.cancelled());
    log.add(b.done() && b.result());
    log.add(one.value());
    return done();
  }

  /** test_locks.py SemaphoreTests.test_acquire_cancel_before_awoken: the permit goes to the next. */
  @Test
  void aCancelledSemaphoreWaiterPassesThePermitOn() {
    Virtual.run(semaphoreAcquireCancelled());
    assertEquals(List.of(true, true, 0), log);
  }

  @Async
  Coroutine<Void> reprs() {
    log.add(lock.toString());
    Await.of(lock.acquire());
    log.add(lock.toString());
    lock.release();
    log.add(sem.toString());
    log.add(cond.toString());
    return done();
  }

  /** test_locks.py test_repr: state in the repr. */
  @Test
  void primitivesReadLikePythonsRepr() {
    Virtual.run(reprs());
    assertEquals(
        List.of("<Lock [unlocked]>", "<Lock [locked]>", "<Semaphore [unlocked, value:2]>",
            "<Condition [unlocked]>"),
        log);
  }
}
