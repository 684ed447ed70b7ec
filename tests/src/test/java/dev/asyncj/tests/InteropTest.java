package dev.asyncj.tests;

import static dev.asyncj.Asyncio.createTask;
import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.gather;
import static dev.asyncj.Asyncio.getRunningLoop;
import static dev.asyncj.Asyncio.runCoroutineThreadsafe;
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
import dev.asyncj.Future;
import dev.asyncj.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Java interop both ways: {@code Await.of} a {@link CompletionStage}, a {@link CompletableFuture}
 * or a {@link java.util.concurrent.Future} completed on other threads; a task seen as a {@link
 * CompletableFuture} by code that is not async; {@code toThread}, {@code runInExecutor}, {@code
 * runCoroutineThreadsafe}. Ports of the catalogue's THREAD case and of CPython's test_threads.py.
 * Threads meet on latches with generous timeouts; nothing sleeps.
 */
class InteropTest {
  final List<Object> log = new ArrayList<>();
  final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  @Async
  Coroutine<String> awaitCompletableFutureFromAnotherThread() {
    Thread loopThread = Thread.currentThread();
    CompletableFuture<String> cf = new CompletableFuture<>();
    Thread worker = new Thread(() -> cf.complete("from " + Thread.currentThread().getName()), "worker");
    worker.start();
    String value = Await.of(cf);
    log.add(Thread.currentThread() == loopThread);
    return done(value);
  }

  /** Await.of(CompletableFuture) completed on another thread resumes on the loop's thread. */
  @Test
  void aCompletableFutureCompletedElsewhereResumesOnTheLoopThread() {
    assertEquals("from worker", Virtual.run(awaitCompletableFutureFromAnotherThread()));
    assertEquals(List.of(true), log);
  }

  @Async
  Coroutine<Void> failingStage() {
    IOException cause = new IOException("disk");
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletionStage<String> stage = source.thenApply(s -> s + "!").minimalCompletionStage();
    pool.execute(() -> source.completeExceptionally(cause));
    try {
      Await.of(stage);
    } catch (Exception e) {
      log.add(e == cause);
    }
    CompletionStage<Integer> ok = CompletableFuture.supplyAsync(() -> 21, pool).thenApply(x -> x * 2).minimalCompletionStage();
    log.add(Await.of(ok));
    return done();
  }

  /**
   * Await.of(CompletionStage): its value, or the very exception it failed with (unwrapped from
   * CompletionException).
   */
  @Test
  void aCompletionStageGivesItsValueOrItsOwnException() {
    Virtual.run(failingStage());
    assertEquals(List.of(true, 42), log);
  }

  @Async
  Coroutine<Void> other() {
    log.add("other task");
    return done();
  }

  @Async
  Coroutine<Void> completedDoesNotSuspend() {
    createTask(other());
    String v = Await.of(CompletableFuture.completedFuture("now"));
    log.add(v);
    Await.of(sleep(0));
    log.add("after sleep(0)");
    return done();
  }

  /** An already completed CompletableFuture gives its value without a trip through the loop. */
  @Test
  void aCompletedCompletableFutureDoesNotSuspend() {
    Virtual.run(completedDoesNotSuspend());
    assertEquals(List.of("now", "other task", "after sleep(0)"), log);
  }

  @Async
  Coroutine<Void> executorFutures() {
    CountDownLatch go = new CountDownLatch(1);
    java.util.concurrent.Future<Integer> f = pool.submit(() -> {
      go.await(10, TimeUnit.SECONDS);
      return 7;
    });
    go.countDown();
    log.add(Await.of(f));
    IllegalStateException boom = new IllegalStateException("boom");
    java.util.concurrent.Future<Integer> failing = pool.submit(() -> {
      throw boom;
    });
    try {
      Await.of(failing);
    } catch (IllegalStateException e) {
      log.add(e == boom);
    }
    return done();
  }

  /**
   * Await.of(java.util.concurrent.Future) from an ExecutorService: its value, or its exception
   * unwrapped from ExecutionException.
   */
  @Test
  void aPlainJavaFutureIsAwaitedToo() {
    Virtual.run(executorFutures());
    assertEquals(List.of(7, true), log);
  }

  @Async
  Coroutine<String> awaits(CompletableFuture<String> cf) {
    return done(Await.of(cf));
  }

  @Async
  Coroutine<Void> cancelAwaiterOfCompletableFuture() {
    CompletableFuture<String> cf = new CompletableFuture<>();
    Task<String> t = createTask(awaits(cf));
    Await.of(sleep(0));
    t.cancel();
    try {
      Await.of(t);
    } catch (CancelledError e) {
      log.add("task cancelled");
    }
    Await.of(sleep(0));
    log.add(cf.isCancelled());
    return done();
  }

  /** Cancelling a task that awaits a CompletableFuture cancels the CompletableFuture (wrap_future). */
  @Test
  void cancellingTheAwaiterCancelsTheCompletableFuture() {
    Virtual.run(cancelAwaiterOfCompletableFuture());
    assertEquals(List.of("task cancelled", true), log);
  }

  @Async
  Coroutine<Void> cancelledCompletableFuture() {
    CompletableFuture<String> cf = new CompletableFuture<>();
    pool.execute(() -> cf.cancel(false));
    try {
      Await.of(cf);
    } catch (CancelledError e) {
      log.add("CancelledError");
    }
    return done();
  }

  /** A CompletableFuture cancelled elsewhere raises CancelledError at the await. */
  @Test
  void aCancelledCompletableFutureRaisesCancelledError() {
    Virtual.run(cancelledCompletableFuture());
    assertEquals(List.of("CancelledError"), log);
  }

  @Async
  Coroutine<Integer> slowAnswer(CountDownLatch release) {
    Await.of(toThread(() -> release.await(10, TimeUnit.SECONDS)));
    return done(42);
  }

  @Async
  Coroutine<Void> failsLater(CountDownLatch release, RuntimeException e) {
    Await.of(toThread(() -> release.await(10, TimeUnit.SECONDS)));
    throw e;
  }

  /**
   * A task as a CompletableFuture for code that is not async: join() on another thread gives its
   * value; its exception; its cancellation.
   */
  @Test
  void aTaskIsACompletableFutureForCodeThatIsNotAsync() throws Exception {
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      CountDownLatch release = new CountDownLatch(1);
      Task<Integer> task = loop.createTask(slowAnswer(release));
      CompletableFuture<Integer> cf = task.toCompletableFuture();
      UncheckedIOException failure = new UncheckedIOException(new IOException("x"));
      Task<Void> failing = loop.createTask(failsLater(release, failure));
      CompletableFuture<Void> failingCf = failing.toCompletableFuture();
      // No timer may be pending while the loop waits for the threads: the virtual clock would jump.
      Task<Void> sleeper = loop.createTask(serveUntil(loop.createFuture()));
      CompletableFuture<Void> sleeperCf = sleeper.toCompletableFuture();
      CompletableFuture<Integer> seenElsewhere = CompletableFuture.supplyAsync(() -> {
        release.countDown();
        return cf.join() + 1;
      }, pool);
      loop.runUntilComplete(gather(true, task, failing));
      loop.runUntilComplete(sleep(0));
      sleeper.cancel();
      loop.runUntilComplete(sleep(0));
      loop.runUntilComplete(sleep(0));
      assertEquals(43, seenElsewhere.get(10, TimeUnit.SECONDS));
      ExecutionException e = assertThrows(ExecutionException.class, () -> failingCf.get(10, TimeUnit.SECONDS));
      assertSame(failure, e.getCause());
      assertTrue(sleeperCf.isCancelled());
      assertThrows(CancellationException.class, sleeperCf::join);
    }
  }

  /** Cancelling the CompletableFuture of a task, from any thread, cancels the task. */
  @Test
  void cancellingTheCompletableFutureCancelsTheTask() throws Exception {
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      Task<Void> task = loop.createTask(sleep(100));
      CompletableFuture<Void> cf = task.toCompletableFuture();
      loop.runUntilComplete(sleep(0));
      pool.submit(() -> cf.cancel(true)).get(10, TimeUnit.SECONDS);
      assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
      assertTrue(task.cancelled());
    }
  }

  @Async
  Coroutine<String> hello(String who) {
    Await.of(sleep(0));
    return done("hello " + who);
  }

  @Async
  Coroutine<Void> serveUntil(Future<Void> stop) {
    Await.of(stop);
    return done();
  }

  /** runCoroutineThreadsafe: another thread submits a coroutine to a running loop. */
  @Test
  void runCoroutineThreadsafeSubmitsFromAnotherThread() throws Exception {
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      Future<Void> stop = loop.createFuture();
      CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
        CompletableFuture<String> r = runCoroutineThreadsafe(hello("thread"), loop);
        String value = r.join();
        loop.callSoonThreadsafe(() -> stop.setResult(null));
        return value;
      }, pool);
      loop.runUntilComplete(serveUntil(stop));
      assertEquals("hello thread", answer.get(10, TimeUnit.SECONDS));
    }
  }

  @Async
  Coroutine<Void> ticker(CountDownLatch ticks) {
    for (int i = 0; i < 5; i++) {
      ticks.countDown();
      log.add("tick");
      Await.of(sleep(0.01));
    }
    return done();
  }

  @Async
  Coroutine<Void> threads() {
    Thread loopThread = Thread.currentThread();
    List<Object> r = Await.of(toThread(() -> List.of(21 * 2, Thread.currentThread() == loopThread)));
    log.add(r);
    UncheckedIOException disk = new UncheckedIOException(new IOException("disk"));
    try {
      Await.of(toThread(() -> {
        throw disk;
      }));
    } catch (UncheckedIOException e) {
      log.add(e == disk);
    }
    CountDownLatch ticks = new CountDownLatch(5);
    Await.of(gather(toThread(() -> ticks.await(10, TimeUnit.SECONDS)), ticker(ticks)));
    return done();
  }

  /**
   * THREAD-01: toThread runs off the loop's thread and gives its value or its exception; the loop
   * goes on meanwhile (the thread waits until the loop's ticker has ticked five times).
   */
  @Test
  void toThreadRunsOffTheLoopWhileTheLoopGoesOn() {
    Virtual.run(threads());
    assertEquals(List.of(List.of(42, false), true, "tick", "tick", "tick", "tick", "tick"), log);
  }

  @Async
  Coroutine<Void> customExecutor() {
    EventLoop loop = getRunningLoop();
    ExecutorService single = Executors.newSingleThreadExecutor(work -> new Thread(work, "custom"));
    try {
      String name = Await.of(loop.runInExecutor(single, () -> Thread.currentThread().getName()));
      log.add(name);
      CountDownLatch blocker = new CountDownLatch(1);
      // (A helper, not a lambda with 'return null;': the processor mistakes that for the method's
      // own return; see the report of this work.)
      Future<Void> busy = loop.runInExecutor(single, waitOn(blocker));
      AtomicInteger ran = new AtomicInteger();
      Future<Void> queued = loop.runInExecutor(single, (Runnable) ran::incrementAndGet);
      queued.cancel();
      Await.of(sleep(0)); // the cancellation reaches the executor's work at the next turn, as in Python
      blocker.countDown();
      Await.of(busy);
      log.add(queued.cancelled());
      log.add(ran.get());
    } finally {
      single.shutdown();
    }
    return done();
  }

  static java.util.concurrent.Callable<Void> waitOn(CountDownLatch latch) {
    return () -> {
      latch.await(10, TimeUnit.SECONDS);
      return null;
    };
  }

  /** runInExecutor on an executor of one's own; cancelling work not started yet stops it. */
  @Test
  void runInExecutorUsesTheGivenExecutor_andCancelsWorkNotStarted() {
    Virtual.run(customExecutor());
    assertEquals(List.of("custom", true, 0), log);
  }

  @Async
  Coroutine<Void> defaultExecutorOfOurOwn() {
    EventLoop loop = getRunningLoop();
    ExecutorService mine = Executors.newSingleThreadExecutor(work -> new Thread(work, "mine"));
    loop.setDefaultExecutor(mine);
    log.add(Await.of(toThread(() -> Thread.currentThread().getName())));
    CountDownLatch release = new CountDownLatch(1);
    Future<Void> busy = loop.runInExecutor(null, waitOn(release));
    Task<Void> shutdown = createTask(loop.shutdownDefaultExecutor());
    Await.of(sleep(0));
    log.add("shut down while busy: " + shutdown.done());
    release.countDown();
    Await.of(busy);
    Await.of(shutdown);
    log.add("terminated: " + mine.isTerminated());
    try {
      Await.of(toThread(() -> "too late"));
    } catch (IllegalStateException e) {
      log.add(e.getMessage());
    }
    return done();
  }

  /**
   * loop.set_default_executor(): toThread and runInExecutor(null, ...) run on it;
   * loop.shutdown_default_executor() waits, without blocking the loop, for the work it runs, and
   * afterwards the default executor is refused with asyncio's RuntimeError "Executor shutdown has
   * been called" (base_events.py, as the documentation of shutdown_default_executor says).
   */
  @Test
  void setDefaultExecutorIsUsed_andShutdownDefaultExecutorWaitsForItsWork() {
    Virtual.run(defaultExecutorOfOurOwn());
    assertEquals(List.of("mine", "shut down while busy: false", "terminated: true",
        "Executor shutdown has been called"), log);
  }

  @Async
  Coroutine<Integer> stressAwaiter(CompletableFuture<Integer> cf, Thread loopThread, AtomicInteger offThread) {
    int v = Await.of(cf);
    if (Thread.currentThread() != loopThread) {
      offThread.incrementAndGet();
    }
    return done(v);
  }

  @Async
  Coroutine<Long> stress(int n, int threads) throws InterruptedException {
    Thread loopThread = Thread.currentThread();
    AtomicInteger offThread = new AtomicInteger();
    int[] callbacks = new int[1];
    List<CompletableFuture<Integer>> futures = new ArrayList<>();
    List<Coroutine<Integer>> awaiters = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      CompletableFuture<Integer> cf = new CompletableFuture<>();
      futures.add(cf);
      awaiters.add(stressAwaiter(cf, loopThread, offThread));
    }
    Future<List<Integer>> all = gather(awaiters);
    EventLoop loop = getRunningLoop();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int first = t;
      Thread worker = new Thread(() -> {
        try {
          start.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          return;
        }
        for (int i = first; i < n; i += threads) {
          futures.get(i).complete(i);
          loop.callSoonThreadsafe(() -> {
            if (Thread.currentThread() != loopThread) {
              offThread.incrementAndGet();
            }
            callbacks[0]++;
          });
        }
      });
      worker.start();
      workers.add(worker);
    }
    Await.of(sleep(0)); // every awaiter is now waiting
    start.countDown();
    List<Integer> values = Await.of(all);
    for (Thread worker : workers) {
      worker.join(10_000);
    }
    Await.of(sleep(0)); // the last callbacks posted
    long sum = 0;
    for (int v : values) {
      sum += v;
    }
    log.add(callbacks[0]);
    log.add(offThread.get());
    return done(sum);
  }

  /**
   * The thread-safety test: many threads complete awaited CompletableFutures and call
   * callSoonThreadsafe at once; every value arrives, every callback runs, all on the loop thread.
   */
  @Test
  void manyThreadsCompletingFuturesAndPostingCallbacksLoseNothing() throws Exception {
    int n = 20_000;
    long sum = Virtual.run(stress(n, 8));
    assertEquals((long) n * (n - 1) / 2, sum);
    assertEquals(List.of(n, 0), log);
  }

  @Async
  Coroutine<Void> wrapped() {
    CompletableFuture<String> cf = new CompletableFuture<>();
    Future<String> f = Asyncio.wrapFuture(cf);
    log.add(f.done());
    pool.execute(() -> cf.complete("wrapped"));
    log.add(Await.of(f));
    return done();
  }

  /** wrapFuture: a future of the loop for a CompletableFuture. */
  @Test
  void wrapFutureMakesALoopFuture() {
    Virtual.run(wrapped());
    assertEquals(List.of(false, "wrapped"), log);
  }

  @Async
  Coroutine<Void> awaitOtherLoopsFuture(Future<String> foreign) {
    try {
      Await.of(foreign);
    } catch (IllegalStateException e) {
      log.add(e.getMessage().contains("attached to a different loop"));
    }
    return done();
  }

  /** Awaiting a future of another loop (another thread's) is refused with asyncio's message. */
  @Test
  void aFutureOfAnotherLoopCannotBeAwaited() {
    try (EventLoop other = EventLoop.withVirtualClock()) {
      Future<String> foreign = other.createFuture();
      Virtual.run(awaitOtherLoopsFuture(foreign));
    }
    assertEquals(List.of(true), log);
  }

  /** What loop A (on thread A) shows another thread: its loop, a pending future, a suspended task. */
  record Foreign(EventLoop loop, Future<String> future, Task<Integer> task, Coroutine<Integer> coroutine) {}

  @Async
  Coroutine<Integer> loopAHolds(CompletableFuture<Foreign> shown, Future<Void> stop) {
    EventLoop loop = getRunningLoop();
    Future<Void> gate = loop.createFuture();
    Coroutine<Integer> suspended = blocksUntil(gate);
    Task<Integer> holder = createTask(suspended, "holder");
    Await.of(sleep(0)); // the holder runs to its await of the gate
    shown.complete(new Foreign(loop, loop.createFuture(), holder, suspended));
    Await.of(stop);
    gate.setResult(null);
    return done(Await.of(holder)); // loop A's own work was not disturbed
  }

  static String normalized(Throwable e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage()
        .replaceAll("0x[0-9a-f]+", "0x…")
        .replaceAll("\\(<EventLoop[^)]*\\)", "(…)")
        .replaceAll("name='Task-\\d+'", "name='Task-…'")
        .replaceAll("InteropTest\\.java:\\d+", "InteropTest.java:…");
  }

  @Async
  Coroutine<List<String>> loopBAwaits(Foreign a) {
    List<String> errors = new ArrayList<>();
    try {
      Await.of(a.future());
    } catch (IllegalStateException e) {
      errors.add(normalized(e));
    }
    try {
      Await.of(a.task());
    } catch (IllegalStateException e) {
      errors.add(normalized(e));
    }
    try {
      Await.of(a.coroutine());
    } catch (IllegalStateException e) {
      errors.add(normalized(e));
    }
    try {
      a.future().setResult("from B");
    } catch (IllegalStateException e) {
      errors.add(normalized(e));
    }
    return done(errors);
  }

  /** Runs {@code body} on a new thread named {@code name}; its value or failure in the result. */
  static <T> CompletableFuture<T> onThread(String name, java.util.concurrent.Callable<T> body, List<Thread> started) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        result.complete(body.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, name);
    started.add(thread);
    thread.start();
    return result;
  }

  /**
   * Awaiting from outside the loop's thread, for real: loop A runs on thread A with a pending future
   * and a task suspended in a coroutine; a task of loop B, on thread B, awaits each of them. Each
   * await is refused at once with asyncio's error (test_tasks.py test_task_awaits_on_other_loop
   * family: RuntimeError "Task ... got Future ... attached to a different loop"; the coroutine runs
   * on the loop that started it), as is completing A's future from thread B (LOOP-05, asyncio's
   * _check_thread: "Non-thread-safe operation invoked on an event loop other than the current
   * one"). Loop A's work is not disturbed. Threads meet on futures; every wait is bounded.
   */
  @Test
  void awaitingAnotherThreadsLoopIsRefusedClearly() throws Exception {
    List<Thread> threads = new ArrayList<>();
    CompletableFuture<Foreign> shown = new CompletableFuture<>();
    CompletableFuture<Future<Void>> stopOfA = new CompletableFuture<>();
    CompletableFuture<Integer> resultOfA = onThread("thread-A", () -> {
      try (EventLoop loop = EventLoop.withVirtualClock()) {
        Future<Void> stop = loop.createFuture();
        stopOfA.complete(stop);
        return loop.runUntilComplete(loopAHolds(shown, stop));
      }
    }, threads);
    Foreign a = shown.get(10, TimeUnit.SECONDS);
    CompletableFuture<List<String>> errorsOnB = onThread("thread-B", () -> Virtual.run(loopBAwaits(a)), threads);
    List<String> errors = errorsOnB.get(10, TimeUnit.SECONDS);
    a.loop().callSoonThreadsafe(() -> stopOfA.join().setResult(null));
    assertEquals(1, resultOfA.get(10, TimeUnit.SECONDS));
    for (Thread thread : threads) {
      thread.join(10_000);
      assertFalse(thread.isAlive(), thread.getName());
    }
    assertEquals(List.of(
        "IllegalStateException: Task <Task pending name='Task-…' coro=<coroutine object InteropTest.loopBAwaits at 0x…>>"
            + " got Future <Future pending> attached to a different loop: a future can only be awaited on the loop"
            + " (and thread) it belongs to; from another thread, use EventLoop.callSoonThreadsafe or"
            + " Asyncio.runCoroutineThreadsafe",
        "IllegalStateException: Task <Task pending name='Task-…' coro=<coroutine object InteropTest.loopBAwaits at 0x…>>"
            + " got Future <Task pending name='holder' coro=<coroutine object InteropTest.blocksUntil at 0x…> wait_for=<Future pending>>"
            + " attached to a different loop: a future can only be awaited on the loop (and thread) it belongs to;"
            + " from another thread, use EventLoop.callSoonThreadsafe or Asyncio.runCoroutineThreadsafe",
        "IllegalStateException: coroutine <coroutine object InteropTest.blocksUntil at 0x…> is already running on"
            + " another event loop (…): a coroutine runs once, on the loop that started it",
        "IllegalStateException: Non-thread-safe operation invoked on an event loop other than the current one:"
            + " Future.setResult from thread 'thread-B' while the loop runs on thread 'thread-A'; use"
            + " callSoonThreadsafe"),
        errors);
  }

  @Async
  Coroutine<Void> startedElsewhere(Coroutine<Integer> c) {
    try {
      Await.of(c);
    } catch (IllegalStateException e) {
      log.add(e.getMessage().replaceAll("0x[0-9a-f]+", "0x…").replaceAll("\\(<EventLoop[^)]*\\)", "(…)"));
    }
    return done();
  }

  @Async
  Coroutine<Integer> blocksUntil(Future<Void> gate) {
    Await.of(gate);
    return done(1);
  }

  /** A coroutine started on one loop cannot be run on another. */
  @Test
  void aCoroutineRunsOnOneLoopOnly() {
    try (EventLoop first = EventLoop.withVirtualClock()) {
      Future<Void> gate = first.createFuture();
      Coroutine<Integer> c = blocksUntil(gate);
      first.createTask(c);
      first.runUntilComplete(sleep(0));
      Virtual.run(startedElsewhere(c));
      assertEquals(
          List.of("coroutine <coroutine object InteropTest.blocksUntil at 0x…> is already running on"
              + " another event loop (…): a coroutine runs once, on the loop that started it"),
          log);
      assertFalse(gate.done());
    }
  }
}
