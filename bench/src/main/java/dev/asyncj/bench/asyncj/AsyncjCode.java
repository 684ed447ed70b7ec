package dev.asyncj.bench.asyncj;

import static dev.asyncj.Asyncio.createTask;
import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.gather;
import static dev.asyncj.Asyncio.sleep;

import dev.asyncj.Async;
import dev.asyncj.Await;
import dev.asyncj.Coroutine;
import dev.asyncj.Event;
import dev.asyncj.Future;
import dev.asyncj.Queue;
import dev.asyncj.Task;
import dev.asyncj.bench.Report;
import java.util.ArrayList;
import java.util.List;

/**
 * The asyncj side of every scenario, written as a user writes asyncj code: {@code @Async} methods
 * compiled by the asyncj processor. Each shape mirrors the Python script of the same scenario in
 * bench/python/.
 */
public final class AsyncjCode {
  private AsyncjCode() {}

  // ---- 1. await fast path: Python's `async def f(): return 1` and `await f()` in a loop

  /** A coroutine that finishes without suspending. */
  @Async
  public static Coroutine<Integer> one() {
    return done(1);
  }

  /** Awaits {@link #one()} {@code n} times. */
  @Async
  public static Coroutine<Long> awaitLoop(int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Await.of(one());
    }
    return done(sum);
  }

  // ---- 2. switch: two tasks each `await sleep(0)` n/2 times

  /** Yields to the loop {@code n} times. */
  @Async
  public static Coroutine<Void> yielder(int n) {
    for (int i = 0; i < n; i++) {
      Await.of(sleep(0));
    }
    return done();
  }

  /** {@code switches} task switches: two yielders, gathered. */
  @Async
  public static Coroutine<Integer> pingPong(int switches) {
    List<Void> both = Await.of(gather(yielder(switches / 2), yielder(switches - switches / 2)));
    return done(both.size());
  }

  // ---- 2. switch, Queue ping-pong: n/2 round trips through two unbounded queues (switch.py queue)

  /** Puts 0..n-1 into {@code there}, each time waiting for it to come back through {@code back}. */
  @Async
  public static Coroutine<Void> queuePinger(Queue<Integer> there, Queue<Integer> back, int n) {
    for (int i = 0; i < n; i++) {
      Await.of(there.put(i));
      Await.of(back.get());
    }
    return done();
  }

  /** Sends each item of {@code there} back through {@code back}, {@code n} times. */
  @Async
  public static Coroutine<Void> queuePonger(Queue<Integer> there, Queue<Integer> back, int n) {
    for (int i = 0; i < n; i++) {
      Await.of(back.put(Await.of(there.get())));
    }
    return done();
  }

  /** {@code switches} task switches: a pinger and a ponger, gathered. */
  @Async
  public static Coroutine<Integer> queuePingPong(int switches) {
    Queue<Integer> there = new Queue<>();
    Queue<Integer> back = new Queue<>();
    Await.of(gather(queuePinger(there, back, switches / 2), queuePonger(there, back, switches / 2)));
    return done(switches);
  }

  // ---- 2. switch, Event ping-pong: n/2 round trips through two events (switch.py event)

  /** Sets {@code ping} and waits for {@code pong}, {@code n} times. */
  @Async
  public static Coroutine<Void> eventPinger(Event ping, Event pong, int n) {
    for (int i = 0; i < n; i++) {
      ping.set();
      Await.of(pong.await());
      pong.clear();
    }
    return done();
  }

  /** Waits for {@code ping} and sets {@code pong}, {@code n} times. */
  @Async
  public static Coroutine<Void> eventPonger(Event ping, Event pong, int n) {
    for (int i = 0; i < n; i++) {
      Await.of(ping.await());
      ping.clear();
      pong.set();
    }
    return done();
  }

  /** {@code switches} task switches: a pinger and a ponger, gathered. */
  @Async
  public static Coroutine<Integer> eventPingPong(int switches) {
    Event ping = new Event();
    Event pong = new Event();
    Await.of(gather(eventPinger(ping, pong, switches / 2), eventPonger(ping, pong, switches / 2)));
    return done(switches);
  }

  // ---- 3. many sleepers: gather(*[sleeper() for _ in range(n)])

  /** Sleeps, then returns 1. */
  @Async
  public static Coroutine<Integer> sleeper(double seconds) {
    Probe.started();
    Await.of(sleep(seconds));
    Probe.woke();
    return done(1);
  }

  /** The list of {@code n} sleeper coroutines handed to gather (not kept by the caller). */
  public static List<Coroutine<Integer>> sleepers(int n, double seconds) {
    List<Coroutine<Integer>> coroutines = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      coroutines.add(sleeper(seconds));
    }
    return coroutines;
  }

  /** Scenario 3, timed: n sleepers gathered; prints suspended, run_wall and the wake-up figures. */
  @Async
  public static Coroutine<Void> sleepersRun(int n, double seconds) {
    Probe.reset(n);
    long t0 = System.nanoTime();
    List<Integer> results = Await.of(gather(sleepers(n, seconds)));
    long t1 = System.nanoTime();
    int sum = 0;
    for (int i = 0; i < results.size(); i++) {
      sum += results.get(i);
    }
    Report report = Report.create().put("n", n).put("sum", sum);
    if (n > 0) {
      long firstDeadline = Probe.firstStart + (long) (seconds * 1e9);
      long lastDeadline = Probe.lastStart + (long) (seconds * 1e9);
      report
          .seconds("suspended", Probe.lastStart - t0)
          .seconds("first_wake_late", Probe.firstWake - firstDeadline)
          .seconds("last_wake_late", Probe.lastWake - lastDeadline)
          .seconds("wake_span", Probe.lastWake - firstDeadline);
    }
    report.seconds("run_wall", t1 - t0).print();
    return done();
  }

  /**
   * Scenario 3, memory: n sleepers (10 min each) gathered and all suspended; prints the live heap
   * per sleeper after a full GC, then exits without waiting.
   */
  @Async
  public static Coroutine<Void> sleepersLive(int n) {
    Probe.reset(n);
    long before = Report.liveHeapBytes();
    Future<List<Integer>> all = gather(sleepers(n, 600));
    // gather's tasks start at the loop's next turn, ahead of this task: once this resumes, every
    // sleeper has run up to its sleep.
    Await.of(sleep(0));
    long after = Report.liveHeapBytes();
    Report.create()
        .put("n", n)
        .put("started", Probe.startedCount())
        .put("pending", all.done() ? 0 : 1)
        .put("live_heap_per_task", (after - before) / (double) n)
        .print();
    Runtime.getRuntime().halt(0);
    return done();
  }

  // ---- 4. fan-out: [create_task(noop()) for _ in range(n)], then gather

  /** The trivial task body. */
  @Async
  public static Coroutine<Integer> noop() {
    return done(1);
  }

  /** Scenario 4: {@code rounds} rounds of n tasks created and gathered; prints cold and warm. */
  @Async
  public static Coroutine<Void> fanOut(int n, int rounds) {
    double[] times = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      List<Task<Integer>> tasks = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        tasks.add(createTask(noop()));
      }
      List<Integer> results = Await.of(gather(tasks));
      times[r] = (System.nanoTime() - t0) / 1e9;
      if (results.size() != n) {
        throw new AssertionError(results.size());
      }
    }
    Report.create()
        .put("n", n)
        .put("cold", times[0])
        .put("warm", rounds > 1 ? Report.median(java.util.Arrays.copyOfRange(times, 1, rounds)) : 0)
        .print();
    return done();
  }

  // ---- 5. the tutorial: the async download example

  /** Downloads a file (sleeps 5 s). */
  @Async
  public static Coroutine<Void> downloadFile() {
    System.out.println("开始下载...");
    Await.of(sleep(5));
    System.out.println("下载完成!");
    return done();
  }

  /** Prints 1..5, one a second. */
  @Async
  public static Coroutine<Void> printNumbers() {
    for (int i = 1; i <= 5; i++) {
      System.out.println(i);
      Await.of(sleep(1));
    }
    return done();
  }

  /** Both at once. */
  @Async
  public static Coroutine<Void> tutorial() {
    Await.of(gather(downloadFile(), printNumbers()));
    return done();
  }
}
