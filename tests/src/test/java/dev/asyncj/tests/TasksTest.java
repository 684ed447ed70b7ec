package dev.asyncj.tests;

import static dev.asyncj.Asyncio.allTasks;
import static dev.asyncj.Asyncio.createTask;
import static dev.asyncj.Asyncio.currentTask;
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
import dev.asyncj.CancelledError;
import dev.asyncj.Coroutine;
import dev.asyncj.EventLoop;
import dev.asyncj.Future;
import dev.asyncj.InvalidStateError;
import dev.asyncj.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Tasks and futures: state, results, names, repr, done callbacks, {@code currentTask} and {@code
 * allTasks}. Ports of the catalogue's TASK, FUT, SLEEP and CORO cases and of CPython's
 * test_tasks.py / test_futures.py.
 */
class TasksTest {
  final List<Object> log = new ArrayList<>();

  @Async
  Coroutine<String> child() {
    log.add("child start");
    return done("R");
  }

  @Async
  Coroutine<Void> createThenYield() {
    Task<String> t = createTask(child());
    log.add("created");
    log.add("still running main");
    Await.of(sleep(0));
    log.add("after yield");
    Await.of(t);
    return done();
  }

  /** TASK-01: create_task does not start the task until the creator yields. */
  @Test
  void aTaskStartsOnlyWhenItsCreatorYields() {
    Virtual.run(createThenYield());
    assertEquals(List.of("created", "still running main", "child start", "after yield"), log);
  }

  @Async
  Coroutine<Void> logIndex(int i) {
    log.add(i);
    return done();
  }

  @Async
  Coroutine<Void> fiveTasks() {
    List<Task<Void>> tasks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      tasks.add(createTask(logIndex(i)));
    }
    for (Task<Void> t : tasks) {
      Await.of(t);
    }
    return done();
  }

  /** TASK-02: tasks start in creation order. */
  @Test
  void tasksStartInCreationOrder() {
    Virtual.run(fiveTasks());
    assertEquals(List.of(0, 1, 2, 3, 4), log);
  }

  @Async
  Coroutine<String> afterSleep(double seconds, String value) {
    Await.of(sleep(seconds));
    return done(value);
  }

  @Async
  Coroutine<Void> stateOfATask() {
    Task<String> t = createTask(afterSleep(0.01, "R"));
    log.add(t.done());
    assertThrows(InvalidStateError.class, t::result);
    String awaited = Await.of(t);
    log.add(t.done());
    log.add(t.result());
    log.add(t.exception());
    log.add(t.cancelled());
    log.add(awaited);
    return done();
  }

  /** TASK-03: done()/result()/exception()/cancelled() before and after completion. */
  @Test
  void aFinishedTaskHasItsResultAndNoException() {
    Virtual.run(stateOfATask());
    assertEquals(java.util.Arrays.asList(false, true, "R", null, false, "R"), log);
  }

  @Async
  Coroutine<Void> fails(RuntimeException e) {
    Await.of(sleep(0));
    throw e;
  }

  @Async
  Coroutine<Boolean> sameExceptionObject() {
    IllegalStateException thrown = new IllegalStateException("k");
    Task<Void> t = createTask(fails(thrown));
    try {
      Await.of(t);
      return done(false);
    } catch (IllegalStateException e) {
      return done(e == thrown && t.exception() == e);
    }
  }

  /** TASK-04: awaiting a failed task raises the same exception object its exception() returns. */
  @Test
  void aFailedTaskThrowsTheSameExceptionObject() {
    assertTrue(Virtual.run(sameExceptionObject()));
  }

  @Async
  Coroutine<List<String>> names() {
    Task<Void> a = createTask(sleep(0));
    Task<Void> b = createTask(sleep(0));
    Task<Void> named = createTask(sleep(0), "worker");
    List<String> out = new ArrayList<>();
    int first = Integer.parseInt(a.getName().substring("Task-".length()));
    out.add(b.getName().equals("Task-" + (first + 1)) ? "consecutive" : a.getName() + " " + b.getName());
    out.add(named.getName());
    named.setName(99);
    out.add(named.getName());
    Await.of(Asyncio.gather(a, b, named));
    return done(out);
  }

  /** TASK-05: default names Task-n from a process-wide counter; name=; setName stringifies. */
  @Test
  void tasksAreNamedTaskNUnlessNamed() {
    assertEquals(List.of("consecutive", "worker", "99"), Virtual.run(names()));
  }

  @Async
  Coroutine<Integer> answer() {
    Await.of(sleep(0));
    return done(42);
  }

  @Async
  Coroutine<Void> reprs() {
    Task<Integer> t1 = createTask(answer(), "t1");
    log.add(t1.toString());
    Await.of(t1);
    log.add(t1.toString());
    Task<Integer> t2 = createTask(answer(), "t2");
    t2.cancel();
    try {
      Await.of(t2);
    } catch (CancelledError expected) {
      log.add(t2.toString());
    }
    Task<Void> t3 = createTask(fails(new IllegalArgumentException("bad")), "t3");
    try {
      Await.of(t3);
    } catch (IllegalArgumentException expected) {
      log.add(t3.toString());
    }
    return done();
  }

  /** TASK-06: the repr of a task in each state; the coroutine's text is free. */
  @Test
  void aTaskReadsLikePythonsRepr() {
    Virtual.run(reprs());
    String coro = "coro=<coroutine object TasksTest\\.\\w+ at 0x[0-9a-f]+>";
    assertTrue(((String) log.get(0)).matches("<Task pending name='t1' " + coro + ">"), log.get(0).toString());
    assertTrue(((String) log.get(1)).matches("<Task finished name='t1' " + coro + " result=42>"), log.get(1).toString());
    assertTrue(((String) log.get(2)).matches("<Task cancelled name='t2' " + coro + ">"), log.get(2).toString());
    assertTrue(((String) log.get(3)).matches("<Task finished name='t3' " + coro
        + " exception=java.lang.IllegalArgumentException: bad>"), log.get(3).toString());
  }

  @Async
  Coroutine<Void> pendingFutureRepr() {
    Future<String> f = getRunningLoop().createFuture();
    log.add(f.toString());
    f.setResult("x");
    log.add(f.toString());
    Future<String> c = getRunningLoop().createFuture();
    c.cancel();
    log.add(c.toString());
    return done();
  }

  /** FUT-01: a pending future reads {@code <Future pending>}; and once done. */
  @Test
  void aFutureReadsLikePythonsRepr() {
    Virtual.run(pendingFutureRepr());
    assertEquals(List.of("<Future pending>", "<Future finished result='x'>", "<Future cancelled>"), log);
  }

  @Async
  Coroutine<Void> currentAndAll() {
    Task<?> main = currentTask();
    Task<Task<?>> a = createTask(whoAmI());
    Task<Void> b = createTask(sleep(0.01));
    log.add(allTasks().equals(Set.of(main, a, b)));
    Task<?> seen = Await.of(a);
    log.add(seen == a);
    Await.of(b);
    log.add(allTasks().equals(Set.of(main)));
    return done();
  }

  @Async
  Coroutine<Task<?>> whoAmI() {
    return done(currentTask());
  }

  /** TASK-07: currentTask() is the running task; allTasks() lists the pending ones. */
  @Test
  void currentTaskIsTheRunningTaskAndAllTasksThePendingOnes() {
    Virtual.run(currentAndAll());
    assertEquals(List.of(true, true, true), log);
  }

  /** TASK-07 (end) and RUN-08: outside a loop, currentTask() and getRunningLoop() fail. */
  @Test
  void outsideALoopThereIsNoCurrentTask() {
    IllegalStateException e = assertThrows(IllegalStateException.class, Asyncio::currentTask);
    assertTrue(e.getMessage().startsWith("no running event loop"), e.getMessage());
    assertThrows(IllegalStateException.class, Asyncio::getRunningLoop);
    assertThrows(IllegalStateException.class, Asyncio::allTasks);
  }

  @Async
  Coroutine<Integer> one() {
    Await.of(sleep(0));
    return done(1);
  }

  @Async
  Coroutine<Integer> oneAtOnce() {
    return done(1);
  }

  @Async
  Coroutine<Void> doneCallbacks() {
    Task<Integer> t = createTask(oneAtOnce());
    t.addDoneCallback(f -> log.add("cb1 " + (f == t)));
    t.addDoneCallback(f -> log.add("cb2 " + f.result()));
    Await.of(sleep(0));
    log.add("after first yield");
    Await.of(sleep(0));
    log.add("after second yield");
    t.addDoneCallback(f -> log.add("cb3 added late"));
    log.add("added cb3 on done task");
    Await.of(sleep(0));
    return done();
  }

  /** TASK-08: done callbacks are scheduled (never inline), FIFO, and receive the task. */
  @Test
  void doneCallbacksAreScheduledInOrderEvenOnADoneTask() {
    Virtual.run(doneCallbacks());
    assertEquals(
        List.of("after first yield", "cb1 true", "cb2 1", "after second yield",
            "added cb3 on done task", "cb3 added late"),
        log);
  }

  @Async
  Coroutine<Void> removedCallback() {
    Future<Integer> f = getRunningLoop().createFuture();
    java.util.function.Consumer<Future<Integer>> cb = x -> log.add("removed one ran");
    f.addDoneCallback(cb);
    f.addDoneCallback(cb);
    f.addDoneCallback(x -> log.add("kept"));
    log.add(f.removeDoneCallback(cb));
    f.setResult(1);
    Await.of(sleep(0));
    return done();
  }

  /** test_futures.py test_remove_done_callback: every registration of the callback is removed. */
  @Test
  void removeDoneCallbackRemovesEveryRegistration() {
    Virtual.run(removedCallback());
    assertEquals(List.of(2, "kept"), log);
  }

  @Async
  Coroutine<Void> awaitsItself() {
    try {
      Await.of(currentTask());
    } catch (IllegalStateException e) {
      log.add(e.getMessage());
    }
    return done();
  }

  /** TASK-09: a task awaiting itself gets Python's RuntimeError, here IllegalStateException. */
  @Test
  void aTaskCannotAwaitItself() {
    Virtual.run(awaitsItself());
    assertTrue(((String) log.get(0)).startsWith("Task cannot await on itself: <Task pending name="),
        log.toString());
  }

  @Async
  Coroutine<Void> pendingFutureAccessors() {
    Future<String> f = getRunningLoop().createFuture();
    log.add(assertThrows(InvalidStateError.class, f::result).getMessage());
    log.add(assertThrows(InvalidStateError.class, f::exception).getMessage());
    return done();
  }

  /** FUT-01: result() and exception() of a pending future raise InvalidStateError. */
  @Test
  void aPendingFutureHasNoResultYet() {
    Virtual.run(pendingFutureAccessors());
    assertEquals(List.of("Result is not set.", "Exception is not set."), log);
  }

  @Async
  Coroutine<Void> doneFutureStates() {
    EventLoop loop = getRunningLoop();
    Future<Integer> f = loop.createFuture();
    f.setResult(1);
    InvalidStateError twice = assertThrows(InvalidStateError.class, () -> f.setResult(2));
    log.add(twice.getMessage().startsWith("invalid state"));
    Future<Integer> c = loop.createFuture();
    log.add(c.cancel());
    log.add(c.cancelled());
    log.add(c.done());
    assertThrows(CancelledError.class, c::result);
    assertThrows(CancelledError.class, c::exception);
    Future<Integer> e = loop.createFuture();
    IllegalArgumentException v = new IllegalArgumentException("v");
    e.setException(v);
    log.add(e.exception() == v);
    log.add(assertThrows(IllegalArgumentException.class, e::result) == v);
    return done();
  }

  /** FUT-02, FUT-03: setting twice, cancelled futures, exceptions. */
  @Test
  void aDoneFutureRefusesASecondResult_andACancelledOneRaisesCancelledError() {
    Virtual.run(doneFutureStates());
    assertEquals(List.of(true, true, true, true, true, true), log);
  }

  @Async
  Coroutine<String> filledLater() {
    EventLoop loop = getRunningLoop();
    Future<String> f = loop.createFuture();
    loop.callLater(0.02, () -> f.setResult("filled"));
    String value = Await.of(f);
    log.add(loop.time());
    return done(value);
  }

  /** FUT-04: awaiting a future suspends until a callback sets it. */
  @Test
  void awaitingAFutureWaitsUntilItIsSet() {
    assertEquals("filled", Virtual.run(filledLater()));
    assertEquals(List.of(0.02), log);
  }

  @Async
  Coroutine<Void> sleepResults() {
    String x = Await.of(sleep(0.01, "x"));
    log.add(x);
    log.add(Await.of(sleep(0)));
    double before = getRunningLoop().time();
    Await.of(sleep(-1));
    log.add(getRunningLoop().time() - before);
    return done();
  }

  /** SLEEP-02, SLEEP-06: sleep's result argument; a negative delay is sleep(0). */
  @Test
  void sleepGivesItsResult_andANegativeDelayIsAYield() {
    Virtual.run(sleepResults());
    assertEquals(java.util.Arrays.asList("x", null, 0.0), log);
  }

  @Async
  Coroutine<Void> wakeLog(String name, double delay) {
    Await.of(sleep(delay));
    log.add(name);
    return done();
  }

  @Async
  Coroutine<Double> overlapAndOrder() {
    Await.of(Asyncio.gather(wakeLog("slow", 0.06), wakeLog("fast", 0.02), wakeLog("mid", 0.04)));
    return done(getRunningLoop().time());
  }

  /** SLEEP-03, SLEEP-04: sleeps overlap, and tasks wake in deadline order. */
  @Test
  void sleepsOverlapAndWakeInDeadlineOrder() {
    assertEquals(0.06, Virtual.run(overlapAndOrder()), 1e-9);
    assertEquals(List.of("fast", "mid", "slow"), log);
  }

  @Async
  Coroutine<Void> equalDeadlines() {
    EventLoop loop = getRunningLoop();
    double when = loop.time() + 0.05;
    for (int i = 0; i < 8; i++) {
      int n = i;
      loop.callAt(when, () -> log.add(n));
    }
    Await.of(sleep(0.1));
    return done();
  }

  /**
   * SLEEP-05 (b): equal deadlines fire first in, first out — a deliberate divergence: CPython
   * 3.11.7 printed {@code [0, 2, 6, 5, 7, 1, 3, 4]}.
   */
  @Test
  void timersWithEqualDeadlinesFireInOrder() {
    Virtual.run(equalDeadlines());
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), log);
  }

  @Async
  Coroutine<Integer> noop() {
    log.add("noop");
    return done(1);
  }

  @Async
  Coroutine<Void> other() {
    log.add("other task");
    return done();
  }

  @Async
  Coroutine<Void> awaitTwice() {
    Coroutine<Integer> c = noop();
    createTask(other());
    Await.of(c);
    log.add("after noop");
    Await.of(sleep(0));
    log.add("after sleep(0)");
    try {
      Await.of(c);
    } catch (IllegalStateException e) {
      log.add(e.getMessage().replaceAll("0x[0-9a-f]+", "0x…"));
    }
    return done();
  }

  /**
   * CORO-06: awaiting a coroutine that does not suspend does not yield; CORO-05: a coroutine is
   * awaited once.
   */
  @Test
  void anAwaitThatDoesNotSuspendStaysInTheStep_andACoroutineRunsOnce() {
    Virtual.run(awaitTwice());
    assertEquals(
        List.of("noop", "after noop", "other task", "after sleep(0)",
            "cannot reuse already awaited coroutine <coroutine object TasksTest.noop at 0x…>"),
        log);
  }

  @Async
  Coroutine<Void> voidAndValue() {
    log.add(Await.of(other()));
    log.add(Await.of(noop()));
    return done();
  }

  /** CORO-04: a Void coroutine gives null (None), a value passes through. */
  @Test
  void aVoidCoroutineGivesNull() {
    Virtual.run(voidAndValue());
    assertEquals(java.util.Arrays.asList("other task", null, "noop", 1), log);
  }

  /** FUT-01 (loop API): a future made outside a running loop needs one. */
  @Test
  void aFutureNeedsARunningLoop() {
    assertThrows(IllegalStateException.class, Future::new);
    assertNull(EventLoop.withVirtualClock().createFuture().getLoop().getExceptionHandler());
  }

  @Async
  Coroutine<Void> ensureFutureOf() {
    Future<Integer> f = getRunningLoop().createFuture();
    log.add(Asyncio.ensureFuture(f) == f);
    Future<Integer> t = Asyncio.ensureFuture(one());
    log.add(t instanceof Task<?>);
    log.add(Await.of(t));
    f.cancel();
    return done();
  }

  /** asyncio.ensure_future: a future as it is, a coroutine wrapped in a task. */
  @Test
  void ensureFutureWrapsCoroutinesOnly() {
    Virtual.run(ensureFutureOf());
    assertEquals(List.of(true, true, 1), log);
  }

  @Async
  Coroutine<Void> everyStaticType() {
    dev.asyncj.Awaitable<Integer> awaitable = one();
    log.add(Await.of(awaitable));
    Task<Integer> task = createTask(one());
    Future<Integer> asFuture = createTask(one());
    log.add(Await.of(task));
    log.add(Await.of(asFuture));
    java.util.concurrent.CompletableFuture<Integer> cf = java.util.concurrent.CompletableFuture.completedFuture(4);
    java.util.concurrent.CompletionStage<Integer> stage = cf;
    java.util.concurrent.Future<Integer> javaFuture = cf;
    log.add(Await.of(cf));
    log.add(Await.of(stage));
    log.add(Await.of(javaFuture));
    return done();
  }

  /**
   * Await.of takes every awaitable by its static type, none ambiguous: Awaitable, Task, Future,
   * CompletableFuture, CompletionStage, java.util.concurrent.Future.
   */
  @Test
  void awaitTakesEveryKindOfAwaitable() {
    Virtual.run(everyStaticType());
    assertEquals(List.of(1, 1, 1, 4, 4, 4), log);
  }

  /** TASK-03 via the loop: a task's getCoro() and getLoop(). */
  @Test
  void aTaskKnowsItsCoroutineAndLoop() {
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      Coroutine<Integer> c = one();
      Task<Integer> t = loop.createTask(c);
      assertSame(c, t.getCoro());
      assertSame(loop, t.getLoop());
      assertEquals(1, loop.runUntilComplete(t));
      assertFalse(loop.isRunning());
    }
  }
}
